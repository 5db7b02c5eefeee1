import { describe, expect, it } from 'vitest';
import { freshAccount } from '../support/sandbox.ts';
import { EAST, htmlOf, LATEST_DIGEST, notices, outputOf, reportOf, runCompliance, WEST } from './helpers.ts';

describe('compliance-evaluation on the sandbox', () => {
  it('starts evaluations of the active rules in every region and reports the non-compliant ones', async () => {
    const account = freshAccount();
    const result = await runCompliance(account, {});

    expect(result.status).toBe('SUCCEEDED');
    const started = account.callsTo('ConfigService', 'StartConfigRulesEvaluation');
    expect(new Set(started.map((call) => call.region))).toEqual(new Set([EAST, WEST]));
    const report = await reportOf(account, result);
    expect(report.rulesEvaluated).toBeGreaterThan(0);
    expect(report.nonCompliant.length).toBeGreaterThan(0);
    for (const rule of report.nonCompliant) expect(rule.compliance).toBe('NON_COMPLIANT');
    expect(await htmlOf(account, result)).toContain('<table>');
  });

  it('reports the failing CIS control with its recommendation, resource and age, and says how to enable Security Hub where it is off', async () => {
    const account = freshAccount();
    const report = await reportOf(account, await runCompliance(account));

    const east = report.cis.find((r: { region: string }) => r.region === EAST);
    expect(east.failingControls.map((c: { control: string }) => c.control)).toEqual(['EC2.2']);
    const [control] = east.failingControls;
    expect(control).toMatchObject({ severity: 'HIGH', requirements: ['v3.0.0/5.4'], resourceCount: 1 });
    expect(control.resources[0]).toContain('sg-01c1000000000000d');
    expect(Date.now() - Date.parse(control.since)).toBeGreaterThan(40 * 86_400_000);
    // The suppressed IAM.6 finding and the passing controls are not failures.
    expect(JSON.stringify(east.failingControls)).not.toContain('IAM.6');
    const west = report.cis.find((r: { region: string }) => r.region === WEST);
    expect(west.hubEnabled).toBe(false);
    expect(west.howToEnable).toContain(
      'aws securityhub enable-security-hub --no-enable-default-standards --region us-west-2',
    );
    expect(account.callsTo('SecurityHub', 'EnableSecurityHub')).toEqual([]);
  });

  it('reads idp-api:latest from Inspector where it scans ECR and from ECR basic scanning where it does not', async () => {
    const account = freshAccount();
    const report = await reportOf(account, await runCompliance(account));

    const [east] = report.images.find((r: { region: string }) => r.region === EAST).images;
    expect(east).toMatchObject({ repository: 'idp-api', tag: 'latest', digest: LATEST_DIGEST, scanner: 'inspector' });
    expect(east.counts).toEqual({ HIGH: 2, CRITICAL: 1 });
    expect(east.vulnerabilities[0]).toMatchObject({
      id: 'CVE-2024-45337',
      severity: 'CRITICAL',
      packages: [{ name: 'golang.org/x/crypto', installedVersion: 'v0.25.0', fixedInVersion: '0.31.0' }],
    });
    // The MEDIUM finding and the CRITICAL one of the older 1.41.3 image are not idp-api:latest's HIGH/CRITICAL.
    const ids = east.vulnerabilities.map((v: { id: string }) => v.id);
    expect(ids).not.toContain('CVE-2023-4039');
    expect(ids).not.toContain('CVE-2024-24790');
    const [west] = report.images.find((r: { region: string }) => r.region === WEST).images;
    expect(west).toMatchObject({ scanner: 'ecr-basic', digest: LATEST_DIGEST, counts: { HIGH: 2, CRITICAL: 0 } });
    expect(west.vulnerabilities[0].packages[0].fixedInVersion).toBeUndefined();
  });

  it('sends one SEV3 notice on the first run naming the new CRITICAL CVE and the failing CIS control', async () => {
    const account = freshAccount();
    const result = await runCompliance(account);

    const sent = notices(account);
    expect(sent).toHaveLength(1);
    expect(sent[0].subject).toContain('[SEV3]');
    expect(sent[0].text).toContain('1 new CRITICAL vulnerability (CVE-2024-45337 in idp-api:latest us-east-1)');
    expect(sent[0].text).toContain('EC2.2 HIGH us-east-1');
    expect(sent[0].text).toContain('First run');
    const report = await reportOf(account, result);
    expect(report.firstRun).toBe(true);
    expect(report.notice).toMatchObject({ severity: 'SEV3', sent: true });
  });

  it('starts and enables nothing in a dry run, sends nothing, but still reports current compliance', async () => {
    const account = freshAccount();
    const result = await runCompliance(account, {}, { dryRun: true });

    expect(result.status).toBe('SUCCEEDED');
    expect(account.callsTo('ConfigService', 'StartConfigRulesEvaluation')).toEqual([]);
    const report = await reportOf(account, result);
    expect(report.dryRun).toBe(true);
    expect(report.notice).toMatchObject({ severity: 'SEV3', sent: false });
    expect(notices(account)).toEqual([]);
    expect(outputOf(result).summary).toContain('not sent (dry run)');
  });

  it('polls while evaluations are still running, within the configured number of polls', async () => {
    const account = freshAccount();
    const result = await runCompliance(account, { regions: [EAST] });
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
