import { GetEnabledStandardsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';
import { complianceConfig, EAST, type ReportJson, reportOf, runCompliance, WEST } from './helpers.ts';

const CIS_3 = 'standards/cis-aws-foundations-benchmark/v/3.0.0';
const CIS_5 = 'standards/cis-aws-foundations-benchmark/v/5.0.0';
const enabling = complianceConfig((settings) => {
  settings.cis.enable = true;
});

const actionsOf = (report: ReportJson) =>
  (report.actions as { action: string; region: string; outcome: string }[])
    .filter((a) => a.action.startsWith('securityhub:'))
    .map((a) => `${a.action} ${a.region} ${a.outcome}`);

describe('compliance-evaluation: enabling the CIS benchmark where config says enable', () => {
  it('enables Security Hub without its default standards and the CIS standard where it is off, and records it', async () => {
    const account = freshAccount();

    const report = await reportOf(account, await runCompliance(account, {}, { config: enabling }));

    const [enable] = account.callsTo('SecurityHub', 'EnableSecurityHub');
    expect(enable).toMatchObject({ region: WEST, input: { EnableDefaultStandards: false } });
    const [batch] = account.callsTo('SecurityHub', 'BatchEnableStandards');
    expect(batch.input).toEqual({
      StandardsSubscriptionRequests: [{ StandardsArn: `arn:aws:securityhub:${WEST}::${CIS_3}` }],
    });
    expect(actionsOf(report)).toEqual([
      `securityhub:EnableSecurityHub ${WEST} done`,
      `securityhub:BatchEnableStandards ${WEST} done`,
    ]);
    expect(report.notes.join('\n')).toContain(`Enabled in ${WEST} (Security Hub and its standards): ${CIS_3}`);
    const shown = await readBack(account, () =>
      awsClient(SecurityHubClient, WEST).send(new GetEnabledStandardsCommand({})),
    );
    expect(shown.StandardsSubscriptions?.map((s) => s.StandardsArn)).toEqual([`arn:aws:securityhub:${WEST}::${CIS_3}`]);
  });

  it('enables nothing a second time: the next run reads the new standard instead', async () => {
    const account = freshAccount();
    await runCompliance(account, {}, { config: enabling });

    const report = await reportOf(account, await runCompliance(account, {}, { config: enabling }));

    expect(account.callsTo('SecurityHub', 'EnableSecurityHub')).toHaveLength(1);
    expect(account.callsTo('SecurityHub', 'BatchEnableStandards')).toHaveLength(1);
    const west = report.cis.find((r: { region: string }) => r.region === WEST);
    expect(west).toMatchObject({ hubEnabled: true, failingControls: [] });
    expect(report.statusChanges).toEqual([
      expect.objectContaining({ label: `CIS benchmark ${WEST}`, from: 'Security Hub not enabled', to: 'ok' }),
    ]);
  });

  it('asks only for the missing standard where Security Hub is already on', async () => {
    const account = freshAccount();
    const config = complianceConfig((settings) => {
      settings.cis.enable = true;
      settings.cis.standards = [CIS_3, CIS_5];
    });

    await runCompliance(account, { regions: [EAST] }, { config });

    expect(account.callsTo('SecurityHub', 'EnableSecurityHub')).toEqual([]);
    const [batch] = account.callsTo('SecurityHub', 'BatchEnableStandards');
    expect(batch).toMatchObject({
      region: EAST,
      input: { StandardsSubscriptionRequests: [{ StandardsArn: `arn:aws:securityhub:${EAST}::${CIS_5}` }] },
    });
  });

  it('enables nothing in a dry run and records what it would do', async () => {
    const account = freshAccount();

    const report = await reportOf(account, await runCompliance(account, {}, { config: enabling, dryRun: true }));

    expect(account.callsTo('SecurityHub', 'EnableSecurityHub')).toEqual([]);
    expect(account.callsTo('SecurityHub', 'BatchEnableStandards')).toEqual([]);
    expect(actionsOf(report)).toEqual([
      `securityhub:EnableSecurityHub ${WEST} dry-run`,
      `securityhub:BatchEnableStandards ${WEST} dry-run`,
    ]);
    expect(account.state.regions[WEST].securityHub.hub).toBeUndefined();
    expect(report.notes.join('\n')).toContain(
      `Dry run: would enable Security Hub and standards/cis-aws-foundations-benchmark/v/3.0.0 in ${WEST}.`,
    );
  });

  it('reports a refused enabling as a note and still reports what it read', async () => {
    const account = freshAccount({
      faults: [
        { service: 'SecurityHub', operation: 'EnableSecurityHub', error: 'AccessDeniedException', message: 'denied' },
      ],
    });

    const result = await runCompliance(account, {}, { config: enabling });

    expect(result.status).toBe('SUCCEEDED');
    const report = await reportOf(account, result);
    expect(report.notes.join('\n')).toContain(`Enabling the CIS benchmark in ${WEST} failed: AccessDeniedException`);
    expect(report.cis.find((r: { region: string }) => r.region === EAST).failingControls).toHaveLength(1);
  });
});
