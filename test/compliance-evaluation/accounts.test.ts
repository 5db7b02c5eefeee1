// compliance-evaluation across accounts: Config rules and images per account x region (one Distributed Map item
// each, a member through its role), the CIS benchmark from the home account as Security Hub's administrator.
import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { HOME, SANDBOX_DEV, STAGING } from '../support/accounts.ts';
import { freshAccount } from '../support/sandbox.ts';
import { EAST, htmlOf, notices, reportOf, runCompliance, WEST } from './helpers.ts';

/** The dev stage as npm start runs it: home, staging (member role deployed) and sandbox-dev (no member role). */
const devConfig = () => loadStageConfig({ stage: 'dev' });

describe('compliance-evaluation across accounts', () => {
  it('reads every account x region, fails the account without a member role cleanly and groups the report', async () => {
    const account = freshAccount();

    const result = await runCompliance(account, {}, { config: devConfig() });

    expect(result.status).toBe('SUCCEEDED');
    const report = await reportOf(account, result);
    expect(
      report.accounts.map((a: any) => [a.id, a.name, a.regions.map((r: any) => `${r.region} ${r.outcome}`)]),
    ).toEqual([
      [HOME, 'home', [`${EAST} ok`, `${WEST} ok`]],
      [STAGING, 'staging', [`${EAST} ok`, `${WEST} ok`]],
      [SANDBOX_DEV, 'sandbox-dev', [`${EAST} failed`, `${WEST} failed`]],
    ]);
    expect(report.failedTargets.map((t: any) => [t.account, t.region])).toEqual([
      [SANDBOX_DEV, EAST],
      [SANDBOX_DEV, WEST],
    ]);
    for (const failed of report.failedTargets) expect(failed.error).toMatch(/^MemberAccessError/);
    // Staging's own readings, under staging: its Config rules, its CIS control (from the administrator's view), its image.
    const stagingFailures = report.newFailures.filter((f: any) => f.account === STAGING).map((f: any) => f.id);
    expect(stagingFailures.sort()).toEqual([
      'CVE-2024-34156',
      'CloudTrail.1',
      'ec2-volume-inuse-check',
      'encrypted-volumes',
    ]);
    expect(report.newFailures.filter((f: any) => f.account === SANDBOX_DEV)).toEqual([]);
    expect(await htmlOf(account, result)).toContain('staging (210987654321)');
    const [notice] = notices(account);
    expect(notice.text).toContain('sandbox-dev/us-east-1');
    // One AssumeRole per member account per run, not per call.
    const assumed = account.callsTo('STS', 'AssumeRole').map((call) => (call.input as { RoleArn: string }).RoleArn);
    expect(assumed.filter((arn) => arn.includes(STAGING))).toHaveLength(1);
  });

  it("evaluates a member's Config rules with its credentials and leaves the home account's untouched", async () => {
    const account = freshAccount();
    const homeRules = account.state.regions[EAST].config.rules;
    const stagingRules = account.state.members![STAGING].regions[EAST].config.rules;
    const homeBefore = JSON.stringify(homeRules.map((rule) => rule.evaluation));
    const stagingBefore = stagingRules.map((rule) => rule.evaluation.lastSuccessfulInvocationTime);

    const result = await runCompliance(account, { accounts: [STAGING], regions: [EAST] }, { config: devConfig() });

    expect(result.status).toBe('SUCCEEDED');
    // StartConfigRulesEvaluation reached staging's rules (a new invocation time), none of the home account's.
    const stagingAfter = stagingRules.map((rule) => rule.evaluation.lastSuccessfulInvocationTime);
    expect(stagingAfter.filter((time, i) => time && time !== stagingBefore[i])).toHaveLength(stagingRules.length);
    expect(JSON.stringify(homeRules.map((rule) => rule.evaluation))).toBe(homeBefore);
    const report = await reportOf(account, result);
    expect(report.rules.map((r: any) => `${r.account} ${r.rule}`).sort()).toEqual(
      stagingRules.map((rule) => `${STAGING} ${rule.rule.ConfigRuleName}`).sort(),
    );
    expect(report.actions.map((a: any) => [a.action, a.account])).toEqual([
      ['config:StartConfigRulesEvaluation', STAGING],
    ]);
    // Only staging's CIS failures count: the home account's own controls are not this run's.
    expect(report.cis[0].failingControls.map((c: any) => [c.account, c.control])).toEqual([[STAGING, 'CloudTrail.1']]);
  });

  it('fails the run with a notice when no account x region could be read', async () => {
    const account = freshAccount();

    const result = await runCompliance(account, { accounts: [SANDBOX_DEV] }, { config: devConfig() });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('AllTargetsFailed');
    const [notice] = notices(account);
    expect(notice.subject).toContain('SEV3');
    expect(notice.text).toContain('could not read any account');
    expect(account.callsTo('ConfigService', 'StartConfigRulesEvaluation')).toEqual([]);
  });
});
