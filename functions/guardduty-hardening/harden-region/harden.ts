// The runbook's "enable enhanced monitoring": every detector in a region publishes findings every
// FIFTEEN_MINUTES (configurable). A region without a detector is reported, not silently skipped: enabling
// GuardDuty is an account decision (it costs money), so autopilot says so instead of doing it.
import {
  type FindingPublishingFrequency,
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
      await client.send(new UpdateDetectorCommand({ DetectorId: detectorId, FindingPublishingFrequency: frequency }));
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
