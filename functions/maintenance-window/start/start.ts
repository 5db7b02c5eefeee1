// The start of a maintenance window: refused while a SEV1/SEV2 incident is open or a traffic shift or failover is
// running (their locks), or while another window holds the stage's lock. Then, in every configured region, the run
// record first (what each region has now), the maintenance_mode flag set to "true" and the actions of the matching
// alarms that had them enabled disabled, each change read back. Only what was enabled is silenced, so the end enables
// exactly that. A dry run lists all of it and changes nothing.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { AuditTrail } from '../../shared/audit/audit.ts';
import { acquireLock, activeLocks, lockedMessage } from '../../shared/claims/locks.ts';
import { writeRunRecord } from '../../shared/claims/records.ts';
import { AutopilotError } from '../../shared/errors/errors.ts';
import type { ExecutionRef } from '../../shared/handler/handler.ts';
import { listOpenIncidents } from '../../shared/incidents/open.ts';
import type { MaintenanceWindowSettings } from '../config.ts';
import { matchingAlarms, setAlarmActions } from '../model/alarms.ts';
import { readFlag, writeFlag } from '../model/flag.ts';
import { maintenanceLockTarget, type RegionWindow, type WindowRecord, windowRecordKey } from '../model/record.ts';

/** The window may not start now (an open incident, a running shift or failover, another window). */
export class MaintenanceRefusedError extends AutopilotError {}

export interface StartDeps {
  s3: S3Client;
  bucket: string;
  regions: string[];
  ssm: (region: string) => SSMClient;
  cloudwatch: (region: string) => CloudWatchClient;
  audit: AuditTrail;
  execution: ExecutionRef;
  stage: string;
  now: Date;
}

async function refusals(settings: MaintenanceWindowSettings, deps: StartDeps): Promise<string[]> {
  const incidents = await listOpenIncidents(deps.s3, deps.bucket, settings.blockingSeverities);
  const running = await activeLocks(deps.s3, deps.bucket, { now: deps.now, playbooks: settings.blockingPlaybooks });
  return [
    ...incidents.map((incident) => `incident ${incident.id} (${incident.severity}, ${incident.source}) is open`),
    ...running.map((lock) => lockedMessage(lock)),
  ];
}

/** What each region has now: the flag and the alarms to silence. */
async function survey(
  settings: MaintenanceWindowSettings,
  deps: StartDeps,
  parameter: string,
): Promise<RegionWindow[]> {
  const regions: RegionWindow[] = [];
  for (const region of deps.regions) {
    const alarms = await matchingAlarms(
      deps.cloudwatch(region),
      settings.alarmNamePrefixes,
      settings.excludeAlarmNamePrefixes,
    );
    regions.push({
      region,
      parameter,
      previous: await readFlag(deps.ssm(region), parameter),
      silenced: alarms.filter((alarm) => alarm.actionsEnabled).map((alarm) => alarm.name),
      statesAtStart: Object.fromEntries(alarms.map((alarm) => [alarm.name, alarm.state])),
    });
  }
  return regions;
}

/**
 * Opens the window in every configured region; the run record it wrote.
 * @throws MaintenanceRefusedError (an open SEV1/SEV2 incident, a running shift or failover, another window),
 * VerificationFailedError when the flag or an alarm does not read back as set.
 */
export async function startWindow(
  window: { durationMinutes: number; reason: string; dryRun: boolean },
  settings: MaintenanceWindowSettings,
  deps: StartDeps,
): Promise<WindowRecord> {
  const blocked = await refusals(settings, deps);
  if (blocked.length) throw new MaintenanceRefusedError(`maintenance refused: ${blocked.join('; ')}`);
  const lockTarget = maintenanceLockTarget(deps.stage);
  if (!window.dryRun) {
    const lock = await acquireLock(deps.s3, deps.bucket, {
      target: lockTarget,
      playbook: 'maintenance-window',
      executionId: deps.execution.Id,
      executionName: deps.execution.Name,
      ttlSeconds: window.durationMinutes * 60 + 1800,
      now: deps.now,
    });
    if (!lock.acquired) throw new MaintenanceRefusedError(`maintenance refused: ${lockedMessage(lock.holder)}`);
  }
  const parameter = settings.flagParameter.replaceAll('{stage}', deps.stage);
  const record: WindowRecord = {
    executionId: deps.execution.Id,
    executionName: deps.execution.Name,
    stage: deps.stage,
    durationMinutes: window.durationMinutes,
    reason: window.reason,
    startedAt: deps.now.toISOString(),
    endsAt: new Date(deps.now.getTime() + window.durationMinutes * 60_000).toISOString(),
    lockTarget,
    regions: await survey(settings, deps, parameter),
    status: 'open',
  };
  if (!window.dryRun) await writeRunRecord(deps.s3, deps.bucket, windowRecordKey(deps.execution.Name), record);
  for (const region of record.regions) {
    const wrote = window.dryRun ? false : await writeFlag(deps.ssm(region.region), parameter, 'true');
    await deps.audit.record({
      action: 'ssm:PutParameter',
      resource: parameter,
      region: region.region,
      outcome: window.dryRun ? 'dry-run' : wrote ? 'done' : 'already-done',
      detail: { value: 'true', previous: region.previous ?? null },
    });
    if (!region.silenced.length) continue;
    if (!window.dryRun) await setAlarmActions(deps.cloudwatch(region.region), region.silenced, false);
    await deps.audit.record({
      action: 'cloudwatch:DisableAlarmActions',
      resource: `alarms:${region.region}`,
      region: region.region,
      outcome: window.dryRun ? 'dry-run' : 'done',
      detail: { alarmNames: region.silenced },
    });
  }
  return record;
}
