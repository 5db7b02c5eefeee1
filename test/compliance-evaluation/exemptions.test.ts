import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshAccount } from '../support/sandbox.ts';
import { complianceConfig, EAST, htmlOf, notices, type ReportJson, reportOf, runCompliance } from './helpers.ts';

type Exemptions = { id: string; reason: string; expires: string }[];
const withExemptions = (exemptions: Exemptions) =>
  complianceConfig((settings) => {
    settings.exemptions = exemptions;
  });

const ids = (failures: { id: string }[]) => failures.map((f) => f.id).sort();
const eastControls = (report: ReportJson) =>
  report.cis.find((r: { region: string }) => r.region === EAST)?.failingControls as {
    control: string;
    exemption?: unknown;
  }[];

describe('compliance-evaluation: exemptions with a reason and an expiry', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-01T06:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('takes an exempt control out of the count and the notice, and lists it with its reason', async () => {
    const account = freshAccount();
    const config = withExemptions([{ id: 'EC2.2', reason: 'default SG locked by SCP', expires: '2026-12-31' }]);

    const result = await runCompliance(account, {}, { config });

    const report = await reportOf(account, result);
    expect(ids(report.newFailures)).not.toContain('EC2.2');
    expect(eastControls(report)[0]).toMatchObject({
      control: 'EC2.2',
      exemption: { reason: 'default SG locked by SCP', expires: '2026-12-31', expired: false },
    });
    expect(report.exemptions).toEqual([expect.objectContaining({ id: 'EC2.2', expired: false, matches: [EAST] })]);
    expect(notices(account)[0].text).not.toContain('EC2.2');
    expect(await htmlOf(account, result)).toContain('exempt until 2026-12-31: default SG locked by SCP');
  });

  it('reports an exemption past its date as expired and counts the failure again', async () => {
    const account = freshAccount();
    const config = withExemptions([{ id: 'EC2.2', reason: 'until the VPC rebuild', expires: '2026-10-31' }]);

    const result = await runCompliance(account, {}, { config });

    const report = await reportOf(account, result);
    expect(ids(report.newFailures)).toContain('EC2.2');
    expect(eastControls(report)[0]).toMatchObject({ exemption: { expired: true } });
    expect(notices(account)[0].text).toContain('EC2.2 HIGH us-east-1');
    expect(notices(account)[0].text).toContain('Exemptions expired: EC2.2 (2026-10-31)');
    expect(await htmlOf(account, result)).toContain('EXPIRED until 2026-10-31: until the VPC rebuild');
  });

  it('holds through its last day and sends SEV3 the day after, when the control fails again', async () => {
    const account = freshAccount();
    const config = withExemptions([{ id: 'EC2.2', reason: 'until the VPC rebuild', expires: '2026-11-01' }]);
    await runCompliance(account, {}, { config });

    vi.setSystemTime(new Date('2026-11-02T06:00:00Z'));
    const report = await reportOf(account, await runCompliance(account, {}, { config }));

    expect(ids(report.newFailures)).toEqual(['EC2.2']);
    const [, second] = notices(account);
    expect(second.subject).toContain('[SEV3]');
  });

  it('exempts a CVE: the notice names the CIS control only', async () => {
    const account = freshAccount();
    const config = withExemptions([
      { id: 'CVE-2024-45337', reason: 'PublicKeyCallback not used', expires: '2027-01-31' },
    ]);

    await runCompliance(account, {}, { config });

    const [sent] = notices(account);
    expect(sent.text).not.toContain('CVE-2024-45337');
    expect(sent.text).toContain('EC2.2 HIGH us-east-1');
  });

  it('reports a failure exempted since the previous run as newly exempted, not as fixed', async () => {
    const account = freshAccount();
    await runCompliance(account);

    vi.setSystemTime(new Date('2026-11-02T06:00:00Z'));
    const config = withExemptions([{ id: 'EC2.2', reason: 'accepted', expires: '2027-01-31' }]);
    const report = await reportOf(account, await runCompliance(account, {}, { config }));

    expect(report.fixed).toEqual([]);
    expect(ids(report.newlyExempted)).toEqual(['EC2.2']);
    expect(notices(account)[1].subject).toContain('[SEV4] Compliance changed: 1 newly exempted');
  });

  it('lists an exemption that matches no current failure, so config can be cleaned up', async () => {
    const account = freshAccount();
    const config = withExemptions([{ id: 'IAM.4', reason: 'old', expires: '2027-01-31' }]);

    const report = await reportOf(account, await runCompliance(account, {}, { config }));

    expect(report.exemptions).toEqual([expect.objectContaining({ id: 'IAM.4', matches: [] })]);
  });
});
