import { describe, expect, it } from 'vitest';
import { runPlaybook } from '../../cli/runner.ts';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { freshAccount } from '../support/sandbox.ts';

const STAGING = '210987654321';
const SANDBOX_DEV = '345678901234';

/** The dev stage acting in two member accounts as well: staging (member role deployed) and sandbox-dev (not). */
function withMembers() {
  const config = structuredClone(loadStageConfig({ stage: 'dev' }));
  config.accounts.members = [
    { id: STAGING, name: 'staging', exempt: false },
    { id: SANDBOX_DEV, name: 'sandbox-dev', exempt: false },
  ];
  return config;
}

function reportOf(account: ReturnType<typeof freshAccount>): any {
  const bucket = account.state.global.s3.buckets['idp-autopilot-dev-reports-123456789012'];
  const [key] = Object.keys(bucket.objects).filter(
    (k) => k.startsWith('reports/guardduty-hardening/') && k.endsWith('.json'),
  );
  return JSON.parse(Buffer.from((bucket.objects[key] as any).BodyBase64, 'base64').toString('utf8'));
}

describe('guardduty-hardening across accounts (account x region, one Distributed Map item each)', () => {
  it('hardens the member account through its role, fails the unreachable one cleanly, and reports both', async () => {
    const account = freshAccount();
    const staging = account.state.members![STAGING].regions['us-east-1'].guardduty.detectors[0];
    expect(staging.FindingPublishingFrequency).toBe('SIX_HOURS');

    const result = await runPlaybook({
      playbook: 'guardduty-hardening',
      input: {},
      account,
      config: withMembers(),
      skipWaits: true,
    });

    expect(result.status).toBe('SUCCEEDED');
    expect(staging.FindingPublishingFrequency).toBe('FIFTEEN_MINUTES');
    const report = reportOf(account);
    expect(report.detectors).toContainEqual(
      expect.objectContaining({ account: STAGING, region: 'us-east-1', changed: true }),
    );
    expect(report.failedRegions.map((f: any) => [f.account, f.region, f.error])).toEqual([
      [SANDBOX_DEV, 'us-east-1', 'MemberAccessError'],
      [SANDBOX_DEV, 'us-west-2', 'MemberAccessError'],
    ]);
    // One AssumeRole per member account per run, not per call.
    const assumed = account.callsTo('STS', 'AssumeRole').map((call) => (call.input as { RoleArn: string }).RoleArn);
    expect(assumed.filter((arn) => arn.includes(STAGING))).toHaveLength(1);
  });

  it("refuses an account that is not one of the stage's before anything runs", async () => {
    const account = freshAccount();
    const result = await runPlaybook({
      playbook: 'guardduty-hardening',
      input: { accounts: ['999988887777'] },
      account,
      config: withMembers(),
      skipWaits: true,
    });
    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('InvalidInputError');
    expect(account.callsTo('GuardDuty')).toEqual([]);
  });
});
