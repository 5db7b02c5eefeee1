import { describe, expect, it } from 'vitest';
import { freshAccount } from '../support/sandbox.ts';
import { changes, configWith, lagOf, messages, run } from './support.ts';

describe('regional-failover readiness', () => {
  it('runs the pre-checks in a dry run, reports READY with what it would change, and changes nothing', async () => {
    const account = freshAccount();
    // The stage sends dry runs' notices to SNS (never to Slack or PagerDuty), so the report is readable there.
    const dryRunsToSns = configWith(() => {});
    dryRunsToSns.notifications.dryRuns = true;
    const result = await run(account, { mode: 'planned', dryRun: true }, { config: dryRunsToSns });

    expect(result.status).toBe('SUCCEEDED');
    expect(changes(account)).toEqual([]);
    const [report] = messages(account);
    expect(report.subject).toBe('[SEV4] Failover readiness (us-east-1 -> us-west-2): READY');
    expect(report.text).toContain(
      '- DNS: api.idp.example.com now: CNAME -> idp-prod-alb-1595673214.us-east-1.elb.amazonaws.com TTL 300',
    );
    expect(report.text).toContain('UPSERT CNAME -> idp-prod-alb-2390584411.us-west-2.elb.amazonaws.com TTL 60');
    expect(report.text).toMatch(/- replication lag: AuroraGlobalDBReplicationLag of idp-aurora-secondary: last \d+ ms/);
  });

  it('publishes a SEV3 NOT READY from the nightly check when the lag is above the limit', async () => {
    const account = freshAccount();
    lagOf(account, 4200);
    const result = await run(account, { trigger: 'schedule' });

    expect(result.status).toBe('SUCCEEDED');
    const [alert] = messages(account);
    expect(alert.subject).toContain('[SEV3] Failover readiness (us-east-1 -> us-west-2): NOT READY, 1 problem(s)');
    expect(alert.text).toContain('replication lag 4200 ms, at or above the limit of 1000 ms');
    expect(alert.text).toContain('- Estimated data loss if unplanned now: about 4200 ms of writes');
  });

  it('validates the DNS change before anything: a CNAME at the zone apex is not ready, for either mode', async () => {
    const account = freshAccount();
    const apex = configWith((block) => {
      block.dns = { ...(block.dns as object), recordName: 'idp.example.com' };
    });
    const planned = await run(account, { mode: 'unplanned' }, { config: apex, approval: 'approve' });

    expect(planned.status).toBe('FAILED');
    expect(planned.error?.Error).toBe('NotReadyError');
    expect(planned.error?.Cause).toContain(
      'idp.example.com. is the zone apex: a CNAME is not allowed there (use type ALIAS)',
    );
    expect(changes(account)).toEqual([]);
    expect(messages(account).at(-1)?.subject).toContain('[SEV2] Regional failover (us-east-1 -> us-west-2) refused');
  });

  it('refuses a request without a mode, and unknown keys, before anything runs', async () => {
    const account = freshAccount();
    const result = await run(account, { dryRun: true, region: 'us-west-2' });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Cause).toContain('input.mode: say "planned" or "unplanned"');
    expect(result.error?.Cause).toContain('"region"');
    expect(account.callsTo('RDS')).toHaveLength(0);
  });
});
