import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { runPlaybook } from '../../cli/runner.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

const BUCKET = 'idp-autopilot-dev-reports-123456789012';

async function latestReport(account: SandboxAccount, extension: string): Promise<string> {
  return readBack(account, async () => {
    const s3 = awsClient(S3Client, 'us-east-1');
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'reports/compliance-evaluation/' }),
    );
    const key = (listed.Contents ?? []).map((object) => object.Key!).find((name) => name.endsWith(extension));
    if (!key) throw new Error(`no ${extension} report`);
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return object.Body!.transformToString();
  });
}

describe('compliance-evaluation on the sandbox', () => {
  it('starts evaluations of the active rules in every region and reports the non-compliant ones', async () => {
    const account = freshAccount();
    const result = await runPlaybook({ playbook: 'compliance-evaluation', input: {}, account, skipWaits: true });

    expect(result.status).toBe('SUCCEEDED');
    const started = account.callsTo('ConfigService', 'StartConfigRulesEvaluation');
    expect(new Set(started.map((call) => call.region))).toEqual(new Set(['us-east-1', 'us-west-2']));
    const report = JSON.parse(await latestReport(account, '.json'));
    expect(report.rulesEvaluated).toBeGreaterThan(0);
    expect(report.nonCompliant.length).toBeGreaterThan(0);
    for (const rule of report.nonCompliant) expect(rule.compliance).toBe('NON_COMPLIANT');
    expect(await latestReport(account, '.html')).toContain('<table>');
    expect(account.callsTo('SNS', 'Publish')).toHaveLength(1);
  });

  it('starts no evaluation in a dry run but still reports current compliance', async () => {
    const account = freshAccount();
    const result = await runPlaybook({
      playbook: 'compliance-evaluation',
      input: {},
      dryRun: true,
      account,
      skipWaits: true,
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(account.callsTo('ConfigService', 'StartConfigRulesEvaluation')).toEqual([]);
    expect(JSON.parse(await latestReport(account, '.json')).dryRun).toBe(true);
  });

  it('polls while evaluations are still running, within the configured number of polls', async () => {
    const account = freshAccount();
    const result = await runPlaybook({
      playbook: 'compliance-evaluation',
      input: { regions: ['us-east-1'] },
      account,
      skipWaits: true,
    });
    expect(result.status).toBe('SUCCEEDED');
    const reads = result.trace.filter(
      (entry) => entry.kind === 'state' && entry.state === 'Read Config compliance' && entry.event === 'entered',
    );
    // The sandbox shows a started evaluation as in progress on the first status read and done on the next (as Config
    // reports a newer LastSuccessfulInvocationTime than LastSuccessfulEvaluationTime while it runs): one poll more.
    expect(reads).toHaveLength(2);
    const waits = result.trace.filter(
      (entry) => entry.kind === 'state' && entry.type === 'Wait' && entry.event === 'entered',
    );
    expect(waits.length).toBeGreaterThanOrEqual(2);
  });
});
