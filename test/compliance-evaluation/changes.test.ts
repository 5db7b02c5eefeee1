import { describe, expect, it } from 'vitest';
import { SandboxAccount } from '../../sandbox/account.ts';
import { freshAccount } from '../support/sandbox.ts';
import {
  addImageFinding,
  closeImageFinding,
  EAST,
  htmlOf,
  notices,
  outputOf,
  reportOf,
  runCompliance,
  setControlStatus,
  WEST,
} from './helpers.ts';

const ids = (failures: { id: string }[]) => failures.map((f) => f.id).sort();

describe('compliance-evaluation: what changed since the previous run', () => {
  it('sends nothing on the next run when nothing changed, and its report says so', async () => {
    const account = freshAccount();
    await runCompliance(account);

    const second = await runCompliance(account);

    expect(second.status).toBe('SUCCEEDED');
    expect(notices(account)).toHaveLength(1);
    expect(outputOf(second).summary).toMatch(/^nothing changed since .*: nothing sent$/);
    const report = await reportOf(account, second);
    expect(report).toMatchObject({ firstRun: false, newFailures: [], fixed: [], notice: null });
    expect(report.failing).toBeGreaterThan(0);
    expect(await htmlOf(account, second)).toContain('Nothing changed: no notice sent.');
  });

  it('sends SEV3 for a new CRITICAL CVE, naming only what is new', async () => {
    const account = freshAccount();
    await runCompliance(account);
    addImageFinding(account, 'CVE-2024-6387', 'CRITICAL');

    const report = await reportOf(account, await runCompliance(account));

    expect(ids(report.newFailures)).toEqual(['CVE-2024-6387']);
    const [, second] = notices(account);
    expect(second.subject).toContain('[SEV3]');
    expect(second.text).toContain('1 new CRITICAL vulnerability (CVE-2024-6387 in idp-api:latest us-east-1)');
    expect(second.text).not.toContain('CVE-2024-45337');
  });

  it('sends SEV4 for a new HIGH CVE and for a fixed one: changes below the notice severity are told, not alerted', async () => {
    const account = freshAccount();
    await runCompliance(account);
    addImageFinding(account, 'CVE-2024-0727', 'HIGH');
    closeImageFinding(account, 'CVE-2024-45337');

    const report = await reportOf(account, await runCompliance(account));

    expect(ids(report.newFailures)).toEqual(['CVE-2024-0727']);
    expect(ids(report.fixed)).toEqual(['CVE-2024-45337']);
    const [, second] = notices(account);
    expect(second.subject).toContain('[SEV4] Compliance changed: 1 new failure, 1 fixed');
  });

  it('sends SEV3 for a newly failing CIS control of HIGH or worse and SEV4 for a MEDIUM one', async () => {
    const account = freshAccount();
    await runCompliance(account);
    setControlStatus(account, EAST, 'S3.1', 'FAILED');

    const medium = await reportOf(account, await runCompliance(account));
    setControlStatus(account, EAST, 'CloudTrail.1', 'FAILED');
    const high = await reportOf(account, await runCompliance(account));

    expect(ids(medium.newFailures)).toEqual(['S3.1']);
    expect(ids(high.newFailures)).toEqual(['CloudTrail.1']);
    const [, second, third] = notices(account);
    expect(second.subject).toContain('[SEV4]');
    expect(third.subject).toContain('[SEV3]');
    expect(third.text).toContain('1 newly failing CIS control of HIGH or worse (CloudTrail.1 HIGH us-east-1)');
    // A control failing only since the previous run is not older than that run.
    const control = high.cis[0].failingControls.find((c: { control: string }) => c.control === 'CloudTrail.1');
    expect(control.sinceBasis).toBe('since-previous-run');
    expect(Date.parse(control.since)).toBeGreaterThanOrEqual(Date.parse(high.previousRun.runAt) - 60_000);
  });

  it('reports a fixed CIS control, and dates a control failing on the first run from the first observation by Security Hub', async () => {
    const account = freshAccount();
    const first = await reportOf(account, await runCompliance(account));
    setControlStatus(account, EAST, 'EC2.2', 'PASSED');

    const report = await reportOf(account, await runCompliance(account));

    expect(ids(report.fixed)).toEqual(['EC2.2']);
    expect(report.cis[0].failingControls).toEqual([]);
    expect(first.cis[0].failingControls[0].sinceBasis).toBe('first-observed');
  });

  it('turns a reading that fails into a note, never a failed run, and reports nothing fixed because of it', async () => {
    const account = freshAccount();
    await runCompliance(account);
    // The same account the next night, with Security Hub refusing GetFindings.
    const failing = new SandboxAccount(structuredClone(account.state), {
      faults: [
        { service: 'SecurityHub', operation: 'GetFindings', error: 'AccessDeniedException', message: 'not authorized' },
      ],
    });

    const broken = await runCompliance(failing);

    expect(broken.status).toBe('SUCCEEDED');
    const report = await reportOf(failing, broken);
    expect(report.fixed).toEqual([]);
    expect(report.notes.join('\n')).toContain('CIS benchmark us-east-1: error: AccessDeniedException');
    expect(report.statusChanges).toEqual([
      expect.objectContaining({
        label: 'CIS benchmark us-east-1',
        from: 'ok',
        to: expect.stringContaining('AccessDeniedException'),
      }),
    ]);
  });

  it('keeps the previous results in a dry run and of regions a run by hand did not read', async () => {
    const account = freshAccount();
    await runCompliance(account);
    addImageFinding(account, 'CVE-2024-6387', 'CRITICAL');

    const dry = await reportOf(account, await runCompliance(account, {}, { dryRun: true }));
    const eastOnly = await reportOf(account, await runCompliance(account, { regions: [EAST] }));
    const both = await reportOf(account, await runCompliance(account));

    expect(ids(dry.newFailures)).toEqual(['CVE-2024-6387']);
    expect(ids(eastOnly.newFailures)).toEqual(['CVE-2024-6387']);
    expect(eastOnly.newFailures[0].region).toBe(EAST);
    // us-west-2 kept its results through the run by hand for us-east-1: the full run finds nothing new there.
    expect(both.newFailures).toEqual([]);
    expect(both.images.map((r: { region: string }) => r.region)).toEqual([EAST, WEST]);
    expect(notices(account)).toHaveLength(2);
  });
});
