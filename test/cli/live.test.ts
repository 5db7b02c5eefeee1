// --live runs the same code against any AWS-compatible endpoint (AWS_ENDPOINT_URL): here a tiny fake AWS on
// loopback that answers the protocols guardduty-hardening speaks (STS query/XML, GuardDuty REST/JSON, S3 REST (a
// tiny object store: the fan-out's targets and results travel through it),
// SNS query/XML, SSM JSON) and records what it was asked.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlaybook } from '../../cli/runner.ts';

const requests: { host: string; target: string; body: string }[] = [];
let server: Server;

// A tiny object store behind path-style S3 URLs: PUT keeps the body, GET returns it, ListObjectsV2 lists keys.
const objects = new Map<string, string>();

function s3Answer(request: IncomingMessage, body: string): { status: number; type: string; text: string } {
  const url = new URL(request.url ?? '/', 'http://fake');
  const [, bucket, ...key] = url.pathname.split('/');
  if (request.method === 'PUT') {
    objects.set(`${bucket}/${decodeURIComponent(key.join('/'))}`, body);
    return { status: 200, type: 'text/plain', text: '' };
  }
  if (url.searchParams.get('list-type') === '2') {
    const prefix = `${bucket}/${url.searchParams.get('prefix') ?? ''}`;
    const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(bucket.length + 1));
    const contents = keys.map((k) => `<Contents><Key>${k}</Key><Size>1</Size></Contents>`).join('');
    return {
      status: 200,
      type: 'application/xml',
      text: `<ListBucketResult><Name>${bucket}</Name><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
    };
  }
  const found = objects.get(`${bucket}/${decodeURIComponent(key.join('/'))}`);
  if (found === undefined) {
    return { status: 404, type: 'application/xml', text: '<Error><Code>NoSuchKey</Code><Message>no</Message></Error>' };
  }
  return { status: 200, type: 'application/json', text: found };
}

function answer(request: IncomingMessage, body: string): { status: number; type: string; text: string } {
  const target = String(request.headers['x-amz-target'] ?? '');
  const authorization = String(request.headers.authorization ?? '');
  const service = authorization.match(/Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//)?.[1];
  if (service === 'sts') {
    return {
      status: 200,
      type: 'text/xml',
      text: '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/ci</Arn><UserId>AIDA</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
    };
  }
  if (service === 'guardduty') return { status: 200, type: 'application/json', text: '{"detectorIds":[]}' };
  if (service === 's3') return s3Answer(request, body);
  if (service === 'sns') {
    return {
      status: 200,
      type: 'text/xml',
      text: '<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>',
    };
  }
  if (target.startsWith('AmazonSSM.'))
    return {
      status: 400,
      type: 'application/x-amz-json-1.1',
      text: '{"__type":"ParameterNotFound","message":"not here"}',
    };
  return {
    status: 500,
    type: 'application/json',
    text: `{"message":"unexpected ${service} ${target} ${body.slice(0, 80)}"}`,
  };
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests.push({
        host: String(request.headers.host),
        target: String(request.headers['x-amz-target'] ?? request.url),
        body,
      });
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

describe('autopilot run --live', () => {
  it('sends the same calls to the endpoint in AWS_ENDPOINT_URL that it sends to the sandbox', async () => {
    const result = await runPlaybook({
      playbook: 'guardduty-hardening',
      // The account STS names (the dev stage's member accounts are not behind this endpoint).
      input: { accounts: ['111122223333'] },
      live: true,
      skipWaits: true,
    });

    expect(result.status).toBe('SUCCEEDED');
    expect(result.calls.map((call) => `${call.service}:${call.operation}`)).toEqual(
      expect.arrayContaining(['STS:GetCallerIdentity', 'GuardDuty:ListDetectors', 'S3:PutObject', 'SNS:Publish']),
    );
    expect(requests.every((request) => request.host.startsWith('127.0.0.1'))).toBe(true);
    // The account id came from STS: the report went to that account's bucket.
    const put = result.calls.find((call) => call.operation === 'PutObject');
    expect(put).toBeDefined();
    expect((put!.input as { Bucket: string }).Bucket).toBe('idp-autopilot-dev-reports-111122223333');
  });
});
