// Turns the per-region results into the report and the one notice a human reads.

import type { AuditRecord } from '../../shared/audit/audit.ts';
import type { Notice } from '../../shared/notify/message.ts';
import type { RegionHardening } from '../harden-region/harden.ts';

export type RegionResult = RegionHardening & { actions: AuditRecord[] };

export function summarizeHardening(results: RegionResult[], frequency: string, dryRun: boolean) {
  const detectors = results.flatMap((result) =>
    result.detectors.map((detector) => ({ region: result.region, ...detector })),
  );
  const changed = detectors.filter((detector) => detector.changed);
  const wouldChange = results.flatMap((result) => result.actions.filter((action) => action.outcome === 'dry-run'));
  const missing = results.filter((result) => result.missingDetector).map((result) => result.region);
  const disabled = detectors.filter((detector) => detector.status !== 'ENABLED');
  const report = {
    playbook: 'guardduty-hardening',
    dryRun,
    targetFrequency: frequency,
    detectors,
    regionsWithoutDetector: missing,
    actions: results.flatMap((result) => result.actions),
  };
  const problems = missing.length + disabled.length;
  const notice: Omit<Notice, 'playbook' | 'link'> | undefined =
    changed.length || wouldChange.length || problems
      ? {
          kind: problems ? 'alert' : 'report',
          severity: problems ? 'SEV3' : 'SEV4',
          title: problems
            ? `GuardDuty is not protecting ${[...missing, ...disabled.map((d) => `${d.region}/${d.detectorId}`)].join(', ')}`
            : dryRun
              ? `Would set ${wouldChange.length} GuardDuty detector(s) to publish findings every ${frequency} (dry run)`
              : `GuardDuty findings now publish every ${frequency} in ${changed.length} detector(s)`,
          impact: problems ? 'Threats in these regions are not detected or not reported' : undefined,
          status: problems ? 'Needs a human: enable GuardDuty there' : 'Done',
          facts: {
            Changed: changed.length,
            'Would change (dry run)': wouldChange.length,
            'Already compliant': detectors.length - changed.length - wouldChange.length,
          },
        }
      : undefined;
  return { report, notice };
}
