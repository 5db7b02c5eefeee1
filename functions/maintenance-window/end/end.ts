// The end of a window (its time is up, it was ended early by a stop, or its start failed half-way): in every region
// of the record, the flag back to what it was ("false" where the parameter did not exist) and the actions enabled
// again of exactly the alarms the window disabled, each read back; then the alarms are checked: one that went into
// ALARM during the window is named in an alert (its actions did not fire then). The run record is closed and the
// stage's lock let go.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { AuditTrail } from '../../shared/audit/audit.ts';
import { releaseLock } from '../../shared/claims/locks.ts';
import { writeRunRecord } from '../../shared/claims/records.ts';
import { readAlarms, setAlarmActions } from '../model/alarms.ts';
import { writeFlag } from '../model/flag.ts';
import type { EndFacts } from '../model/notices.ts';
import { type WindowRecord, windowRecordKey } from '../model/record.ts';

export interface EndDeps {
  s3: S3Client;
  bucket: string;
  ssm: (region: string) => SSMClient;
  cloudwatch: (region: string) => CloudWatchClient;
  audit: AuditTrail;
  now: Date;
}

/** Restores every region of the record; the alarms' states afterwards. */
export async function endWindow(
  record: WindowRecord,
  status: WindowRecord['status'],
  deps: EndDeps,
): Promise<{ record: WindowRecord; facts: EndFacts }> {
  const facts: EndFacts = { newlyAlarming: [], stillAlarming: [], noData: [] };
  for (const region of record.regions) {
    const value = region.previous ?? 'false';
    const wrote = await writeFlag(deps.ssm(region.region), region.parameter, value);
    await deps.audit.record({
      action: 'ssm:PutParameter',
      resource: region.parameter,
      region: region.region,
      outcome: wrote ? 'done' : 'already-done',
      detail: { value },
    });
    const cloudwatch = deps.cloudwatch(region.region);
    if (region.silenced.length) {
      await setAlarmActions(cloudwatch, region.silenced, true);
      await deps.audit.record({
        action: 'cloudwatch:EnableAlarmActions',
        resource: `alarms:${region.region}`,
        region: region.region,
        outcome: 'done',
        detail: { alarmNames: region.silenced },
      });
    }
    for (const alarm of await readAlarms(cloudwatch, Object.keys(region.statesAtStart))) {
      if (alarm.state === 'INSUFFICIENT_DATA') facts.noData.push(alarm.name);
      if (alarm.state !== 'ALARM') continue;
      if (region.statesAtStart[alarm.name] === 'ALARM') facts.stillAlarming.push(alarm.name);
      else facts.newlyAlarming.push(alarm.name);
    }
  }
  const closed: WindowRecord = { ...record, status, endedAt: deps.now.toISOString() };
  await writeRunRecord(deps.s3, deps.bucket, windowRecordKey(record.executionName), closed);
  await releaseLock(deps.s3, deps.bucket, record.lockTarget, record.executionId);
  return { record: closed, facts };
}
