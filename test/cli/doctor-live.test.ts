// `autopilot doctor --live` against an AWS-compatible endpoint (AWS_ENDPOINT_URL): a fake AWS on loopback whose
// account has credentials and a GuardDuty detector in us-east-1 and nothing of the stack yet.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const asked: string[] = [];
let server: Server;

const xmlError = (code: string, message: string) =>
  `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;

function answer(request: IncomingMessage, body: string): { status: number; type: string; text: string } {
  const authorization = String(request.headers.authorization ?? '');
  const [, region, service] = authorization.match(/Credential=[^/]+\/[^/]+\/([^/]+)\/([^/]+)\//) ?? [];
  const target = String(request.headers['x-amz-target'] ?? '');
  asked.push(`${service} ${region} ${request.method} ${target || body.match(/Action=(\w+)/)?.[1] || request.url}`);
  switch (service) {
    case 'sts':
      return {
        status: 200,
        type: 'text/xml',
        text: '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/ci</Arn><UserId>AIDA</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
      };
    case 's3':
      return { status: 404, type: 'application/xml', text: '' };
    case 'sns':
      return { status: 404, type: 'text/xml', text: xmlError('NotFound', 'Topic does not exist') };
    case 'iam':
      return { status: 404, type: 'text/xml', text: xmlError('NoSuchEntity', 'Instance Profile cannot be found.') };
    case 'ssm':
      return { status: 400, type: 'application/x-amz-json-1.1', text: '{"__type":"ParameterNotFound"}' };
    case 'guardduty':
      return {
        status: 200,
        type: 'application/json',
        text: region === 'us-east-1' ? '{"detectorIds":["d1"]}' : '{"detectorIds":[]}',
      };
    default:
      return { status: 500, type: 'application/json', text: '{"message":"unexpected"}' };
  }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const { status, type, text } = answer(request, body);
      response.writeHead(status, { 'content-type': type, 'x-amzn-requestid': 'r' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
    AWS_ACCESS_KEY_ID: 'AKIDLIVETEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_MAX_ATTEMPTS: '1',
  });
});

afterAll(() => {
  server.close();
  for (const key of ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_MAX_ATTEMPTS'])
    delete process.env[key];
});

describe('autopilot doctor --live', () => {
  it('asks the endpoint about every prerequisite and says how to create what is missing, exit 1', async () => {
    const { main } = await import('../../cli/autopilot.ts');
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const code = await main(['doctor', '--live'], (line) => lines.push(line)).finally(() => spy.mockRestore());

    expect(code).toBe(1);
    const line = (text: string) => lines.find((candidate) => candidate.includes(text)) ?? '';
    expect(line('credentials')).toMatch(/^✔ credentials: arn:aws:iam::111122223333:user\/ci \(account 111122223333\)/);
    expect(line('reports bucket idp-autopilot-dev-reports-111122223333')).toMatch(
      /^✘ .*npx serverless deploy --stage dev/,
    );
    expect(line('notification topic')).toMatch(/^✘ .*npx serverless deploy --stage dev/);
    expect(line('quarantine instance profile')).toMatch(/^✘ .*npx serverless deploy --stage dev/);
    expect(line('/idp-autopilot/slack-webhook-url')).toMatch(
      /^✘ .*aws ssm put-parameter --type SecureString --name \/idp-autopilot\/slack-webhook-url/,
    );
    expect(line('GuardDuty detector in us-east-1')).toMatch(/^✔ /);
    expect(line('GuardDuty detector in us-west-2')).toMatch(
      /^✘ .*aws guardduty create-detector --enable --region us-west-2/,
    );
    expect(asked).toEqual(
      expect.arrayContaining([
        'sts us-east-1 POST GetCallerIdentity',
        expect.stringMatching(/^s3 us-east-1 HEAD /),
        'sns us-east-1 POST GetTopicAttributes',
        'iam us-east-1 POST GetInstanceProfile',
        'ssm us-east-1 POST AmazonSSM.GetParameter',
        expect.stringMatching(/^guardduty us-west-2 GET /),
      ]),
    );
  });
});
