// One follow-up check (after the state machine's Wait): while the alarm is not OK, the SERVICE DISRUPTION UPDATE at
// the severity's cadence, and, unacknowledged past the response time, escalation to the next level (said in the
// update); an alarm found OK (or deleted) goes to the resolve step; a loop another execution took over stops.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import type { IncidentResponseSettings } from '../config.ts';
import type { FollowState } from '../intake/result.ts';
import { channelsFor, deliveryText, type Notifications, type Sender, send } from '../model/channels.ts';
import { latest, plusMinutes } from '../model/clock.ts';
import { updateNotice } from '../model/messages.ts';
import { type AlarmState, type IncidentRecord, lastStamp } from '../model/record.ts';
import { afterCheck, dueWork, nextDue } from '../model/schedule.ts';
import { addLine, readRecord, type Store, updateRecord } from '../model/store.ts';

/** How long a check that finds the alert not yet sent waits before looking again. */
export const ALERT_RECHECK_MINUTES = 1;

export interface CheckDeps {
  store: Store;
  cloudwatch: (region: string) => CloudWatchClient;
  settings: IncidentResponseSettings;
  notifications: Notifications;
  sender: Sender;
  stage: string;
  now: Date;
}

export interface CheckResult {
  follow: FollowState;
  summary: string;
  resolve?: { restoredAt: string; reason: string };
}

async function alarmNow(cloudwatch: CloudWatchClient, name: string) {
  const found = await cloudwatch.send(
    new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
  );
  const alarm = [...(found.MetricAlarms ?? []), ...(found.CompositeAlarms ?? [])].find((a) => a.AlarmName === name);
  if (!alarm) return undefined;
  return {
    state: (alarm.StateValue ?? 'INSUFFICIENT_DATA') as AlarmState,
    since: (alarm.StateTransitionedTimestamp ?? alarm.StateUpdatedTimestamp)?.toISOString(),
    reason: alarm.StateReason,
  };
}

function stopped(follow: FollowState, summary: string): CheckResult {
  return { follow: { ...follow, next: 'stop' }, summary };
}

/** Does what is due at `follow.dueAt` (as of that time at the earliest) and says what the loop does next. */
export async function check(follow: FollowState, deps: CheckDeps): Promise<CheckResult> {
  const found = await readRecord(deps.store, follow.incidentId);
  const record = found?.value;
  if (!record) return stopped(follow, `${follow.incidentId} not found`);
  if (record.schedule.generation !== follow.generation) {
    return stopped(
      follow,
      `${record.id} is followed up by a newer execution (generation ${record.schedule.generation})`,
    );
  }
  if (record.status !== 'open') return stopped(follow, `${record.id} is ${record.status}`);
  if (!record.schedule.alertedAt) {
    // Never an update before the alert: look again in a minute (not counted as a check). A due time of "now" would
    // make the Wait end at once and the loop poll as fast as Lambda answers while the alert is in flight.
    return {
      follow: { ...follow, dueAt: plusMinutes(latest(deps.now, follow.dueAt), ALERT_RECHECK_MINUTES), next: 'wait' },
      summary: `${record.id}: alert not sent yet`,
    };
  }
  const asOf = latest(deps.now, follow.dueAt, lastStamp(record));
  const alarm = await alarmNow(deps.cloudwatch(record.source.region), record.source.alarmName);
  if (!alarm || alarm.state === 'OK') {
    const restoredAt = alarm?.since && alarm.since > record.openedAt ? alarm.since : asOf;
    const reason = alarm ? (alarm.reason ?? 'OK') : `alarm ${record.source.alarmName} no longer exists`;
    return {
      follow: { ...follow, checks: follow.checks + 1, next: 'resolve' },
      summary: `${record.id}: ${record.source.alarmName} is ${alarm ? 'OK' : 'gone'}: resolving`,
      resolve: { restoredAt, reason },
    };
  }
  const severity = deps.settings.severities[record.severity];
  const work = dueWork(record, asOf, severity);
  const escalatedTo = work.escalateTo ? severity.escalation[work.escalateTo - 1] : undefined;
  const schedule = afterCheck(record.schedule, asOf, work, severity);
  let delivered = '';
  if (work.update) {
    const view: IncidentRecord = { ...record, alarmState: alarm.state };
    const notice = updateNotice(view, severity, {
      stage: deps.stage,
      asOf,
      escalatedTo: escalatedTo?.contacts,
      nextUpdateAt: schedule.nextUpdateAt,
    });
    delivered = deliveryText(await send(notice, channelsFor(severity, deps.notifications, escalatedTo), deps.sender));
  }
  const { record: updated, changed } = await updateRecord(deps.store, record.id, (r) => {
    if (r.status !== 'open' || r.schedule.generation !== follow.generation) return false;
    if (r.alarmState !== alarm.state) {
      addLine(
        r,
        { kind: 'alarm', text: `Alarm found ${alarm.state}: ${alarm.reason ?? ''}`.trim(), alarmAt: alarm.since },
        deps.now,
        asOf,
      );
      r.alarmState = alarm.state;
      r.alarmStateAt = latest(alarm.since, r.alarmStateAt);
    }
    if (escalatedTo) {
      addLine(
        r,
        {
          kind: 'escalated',
          text: `Not acknowledged within ${severity.responseMinutes} min: escalated to ${escalatedTo.contacts.join(' + ')}`,
        },
        deps.now,
        asOf,
      );
    }
    if (work.update)
      addLine(r, { kind: 'update', text: `Update ${schedule.updatesSent} sent to ${delivered}` }, deps.now, asOf);
    r.schedule = { ...schedule, alertedAt: r.schedule.alertedAt };
    return true;
  });
  if (!changed) return stopped(follow, `${record.id} changed meanwhile (resolved or taken over)`);
  const done = [escalatedTo ? `escalated to ${escalatedTo.contacts.join(' + ')}` : '', work.update ? 'update sent' : '']
    .filter(Boolean)
    .join(', ');
  return {
    follow: { ...follow, checks: follow.checks + 1, dueAt: nextDue(updated.schedule), next: 'wait' },
    summary: `${record.id} as of ${asOf}: ${done || 'nothing due'}`,
  };
}
