// Turns the per-region results into the report and the one notice a human reads.

import type { AuditRecord } from '../../shared/audit/audit.ts';
import { causeMessage } from '../../shared/errors/errors.ts';
import type { Notice } from '../../shared/notify/message.ts';
import type { RegionHardening } from '../harden-region/harden.ts';

/** Which account a result is of (the home account is named "home"). */
interface InAccount {
  accountId?: string;
  accountName?: string;
}

/** A target's result, or its failure as the Map's Catch recorded it (the other targets went on). */
export type RegionResult =
  | (RegionHardening & InAccount & { actions: AuditRecord[]; failed?: undefined })
  | (InAccount & { region: string; failed: { Error: string; Cause?: string } });

/** `us-east-1` in the home account, `staging/us-east-1` in a member account. */
const where = (result: InAccount & { region: string }) =>
  result.accountName && result.accountName !== 'home' ? `${result.accountName}/${result.region}` : result.region;

const hardened = (result: RegionResult): result is RegionHardening & InAccount & { actions: AuditRecord[] } =>
  !result.failed;

export function summarizeHardening(
  all: RegionResult[],
  frequency: string,
  dryRun: boolean,
  exempt: { id: string; name: string }[] = [],
) {
  const results = all.filter(hardened);
  const failedRegions = all
    .filter((result) => result.failed)
    .map((result) => ({
      region: result.region,
      account: result.accountId,
      where: where(result),
      error: result.failed!.Error,
      cause: causeMessage(result.failed!.Cause).slice(0, 500),
    }));
  const detectors = results.flatMap((result) =>
    result.detectors.map((detector) => ({
      region: result.region,
      account: result.accountId,
      where: where(result),
      ...detector,
    })),
  );
  const changed = detectors.filter((detector) => detector.changed);
  const wouldChange = results.flatMap((result) => result.actions.filter((action) => action.outcome === 'dry-run'));
  const missing = results.filter((result) => result.missingDetector).map(where);
  const disabled = detectors.filter((detector) => detector.status !== 'ENABLED' && !detector.managedBy);
  const managed = detectors.filter((detector) => detector.managedBy);
  const report = {
    playbook: 'guardduty-hardening',
    dryRun,
    targetFrequency: frequency,
    detectors,
    regionsWithoutDetector: missing,
    exemptAccounts: exempt,
    managedByAdministrator: managed.map((d) => ({ region: d.region, detectorId: d.detectorId, by: d.managedBy })),
    failedRegions,
    allRegionsFailed: all.length > 0 && results.length === 0,
    actions: results.flatMap((result) => result.actions),
  };
  const problems = missing.length + disabled.length + failedRegions.length;
  const problemNames = [
    ...missing,
    ...disabled.map((d) => `${d.where}/${d.detectorId}`),
    ...failedRegions.map((f) => `${f.where} (${f.error})`),
  ];
  const notice: Omit<Notice, 'playbook' | 'link'> | undefined =
    changed.length || wouldChange.length || problems
      ? {
          kind: problems ? 'alert' : 'report',
          severity: problems ? 'SEV3' : 'SEV4',
          title: problems
            ? failedRegions.length && !missing.length && !disabled.length
              ? `GuardDuty hardening could not check ${problemNames.join(', ')}`
              : `GuardDuty is not protecting or could not check ${problemNames.join(', ')}`
            : dryRun
              ? `Would set ${wouldChange.length} GuardDuty detector(s) to publish findings every ${frequency} (dry run)`
              : `GuardDuty findings now publish every ${frequency} in ${changed.length} detector(s)`,
          impact: problems ? 'Threats in these regions are not detected or not reported' : undefined,
          status: problems ? 'Needs a human: enable GuardDuty there, or give autopilot access' : 'Done',
          facts: {
            Changed: changed.length,
            'Managed by an administrator account': managed.length,
            'Would change (dry run)': wouldChange.length,
            'Already compliant': detectors.length - changed.length - wouldChange.length,
          },
        }
      : undefined;
  return { report, notice };
}
