// A dry run tells nobody: its notice is listed in the report as the message it would have sent.
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { runPlaybook } from '../../cli/runner.ts';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

const BUCKET = 'idp-autopilot-dev-reports-123456789012';

async function jsonReport(account: SandboxAccount): Promise<Record<string, any>> {
  return readBack(account, async () => {
    const s3 = awsClient(S3Client, 'us-east-1');
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'reports/compliance-evaluation/' }),
    );
    const key = (listed.Contents ?? []).map((object) => object.Key!).find((name) => name.endsWith('.json'));
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return JSON.parse(await object.Body!.transformToString());
  });
}

const dryRun = (account: SandboxAccount, config = loadStageConfig({ stage: 'dev' })) =>
  runPlaybook({ playbook: 'compliance-evaluation', input: {}, dryRun: true, account, config, skipWaits: true });

describe('compliance-evaluation dry run notices', () => {
  it('sends nothing to SNS, Slack or PagerDuty and lists the message it would have sent', async () => {
    const account = freshAccount();
    const result = await dryRun(account);

    expect(result.status).toBe('SUCCEEDED');
    expect(account.callsTo('SNS')).toEqual([]);
    expect(account.callsTo('Slack')).toEqual([]);
    expect(account.callsTo('PagerDuty')).toEqual([]);
    expect((await jsonReport(account)).wouldSend).toMatch(
      /^📄 AUTOPILOT REPORT \[SEV\d\]\n\n[\s\S]*\n- Dry run: nothing was changed$/,
    );
    expect(result.output).toMatchObject({
      notified: [{ channel: 'sns', outcome: 'skipped', detail: 'not sent (dry run)' }, {}, {}],
    });
  });

  it('sends it to SNS only when the stage sets notifications.dryRuns', async () => {
    const account = freshAccount();
    const config = structuredClone(loadStageConfig({ stage: 'dev' }));
    config.notifications.dryRuns = true;
    await dryRun(account, config);

    expect(account.callsTo('SNS', 'Publish')).toHaveLength(1);
    expect(account.callsTo('Slack')).toEqual([]);
    expect(account.callsTo('PagerDuty')).toEqual([]);
  });
});
