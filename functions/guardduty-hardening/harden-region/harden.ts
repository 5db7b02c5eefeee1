// The runbook's "enable enhanced monitoring": every detector in a region publishes findings every
// FIFTEEN_MINUTES (configurable). A region without a detector is reported, not silently skipped: enabling
// GuardDuty is an account decision (it costs money), so autopilot says so instead of doing it.
import {
  type FindingPublishingFrequency,
  GetAdministratorAccountCommand,
  GetDetectorCommand,
  type GuardDutyClient,
  ListDetectorsCommand,
  UpdateDetectorCommand,
} from '@aws-sdk/client-guardduty';
import type { AuditTrail } from '../../shared/audit/audit.ts';

export interface DetectorOutcome {
  detectorId: string;
  status: string;
  before: string;
  after: string;
  changed: boolean;
  /** The GuardDuty administrator account that owns this member detector's settings (nothing changed, no alert). */
  managedBy?: string;
}

export interface RegionHardening {
  region: string;
  detectors: DetectorOutcome[];
  missingDetector: boolean;
}

export interface HardenSettings {
  region: string;
  frequency: FindingPublishingFrequency;
  dryRun: boolean;
}

async function listDetectorIds(client: GuardDutyClient): Promise<string[]> {
  const ids: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new ListDetectorsCommand({ NextToken }));
    ids.push(...(page.DetectorIds ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return ids;
}

/**
 * UpdateDetector, or the administrator account that owns the setting when GuardDuty refuses it (BadRequestException
 * for a member account): read back with GetAdministratorAccount, never guessed from the message. Any other refusal
 * is thrown.
 */
async function updateOrAdministrator(
  client: GuardDutyClient,
  detectorId: string,
  frequency: FindingPublishingFrequency,
): Promise<string | undefined> {
  try {
    await client.send(new UpdateDetectorCommand({ DetectorId: detectorId, FindingPublishingFrequency: frequency }));
    return undefined;
  } catch (error) {
    if ((error as Error).name !== 'BadRequestException') throw error;
    const { Administrator } = await client.send(new GetAdministratorAccountCommand({ DetectorId: detectorId }));
    if (Administrator?.RelationshipStatus === 'Enabled' && Administrator.AccountId) return Administrator.AccountId;
    throw error;
  }
}

export async function hardenRegion(
  client: GuardDutyClient,
  audit: AuditTrail,
  { region, frequency, dryRun }: HardenSettings,
): Promise<RegionHardening> {
  const detectors: DetectorOutcome[] = [];
  for (const detectorId of await listDetectorIds(client)) {
    const detector = await client.send(new GetDetectorCommand({ DetectorId: detectorId }));
    const before = detector.FindingPublishingFrequency ?? 'SIX_HOURS';
    const status = detector.Status ?? 'UNKNOWN';
    if (before === frequency) {
      detectors.push({ detectorId, status, before, after: before, changed: false });
      continue;
    }
    if (!dryRun) {
      const refusedBy = await updateOrAdministrator(client, detectorId, frequency);
      if (refusedBy) {
        await audit.record({
          action: 'guardduty:UpdateDetector',
          resource: detectorId,
          region,
          outcome: 'skipped',
          detail: { why: `settings managed by GuardDuty administrator account ${refusedBy}`, frequency: before },
        });
        detectors.push({ detectorId, status, before, after: before, changed: false, managedBy: refusedBy });
        continue;
      }
    }
    await audit.record({
      action: 'guardduty:UpdateDetector',
      resource: detectorId,
      region,
      outcome: dryRun ? 'dry-run' : 'done',
      detail: { findingPublishingFrequency: { from: before, to: frequency } },
    });
    detectors.push({ detectorId, status, before, after: dryRun ? before : frequency, changed: !dryRun });
  }
  return { region, detectors, missingDetector: detectors.length === 0 };
}
