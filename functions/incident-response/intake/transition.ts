// What one alarm transition does to the incidents, atomically: ALARM opens an incident (one per alarm, numbered
// per day), rejoins the open one (a repeat changes nothing), or reopens the one that recovered within the flap
// window; OK hands the open incident to the resolve step; INSUFFICIENT_DATA is noted on the open incident. The
// alarm's pointer (registry.ts) is written first with a conditional write, so two executions never both open.
import type { Severity } from '../../shared/config/config.ts';
import { TransientAwsError } from '../../shared/errors/errors.ts';
import type { IncidentResponseSettings } from '../config.ts';
import { dayIn, formatDuration, utcMinute } from '../model/clock.ts';
import type { IncidentRecord } from '../model/record.ts';
import {
  type AlarmPointer,
  indexOpen,
  openEntry,
  readPointer,
  takeIncidentId,
  writePointer,
} from '../model/registry.ts';
import { freshSchedule } from '../model/schedule.ts';
import { addLine, createRecord, readRecord, type Store, updateRecord } from '../model/store.ts';
import type { AlarmTransition } from './input.ts';
import type { IntakeResult } from './result.ts';

export interface TransitionContext {
  store: Store;
  settings: IncidentResponseSettings;
  executionId: string;
  now: Date;
  severity: { severity: Severity; because: string };
}

type Outcome = Omit<IntakeResult, 'dryRun' | 'ackWaitSeconds' | 'warRoom' | 'mitigations'> &
  Partial<Pick<IntakeResult, 'warRoom' | 'mitigations'>>;

const alarmOf = (t: AlarmTransition) => ({ name: t.alarmName, region: t.region, arn: t.alarmArn, kind: t.kind });

function newRecord(id: string, t: AlarmTransition, c: TransitionContext): IncidentRecord {
  const severity = c.settings.severities[c.severity.severity];
  const record: IncidentRecord = {
    id,
    severity: c.severity.severity,
    source: {
      alarmName: t.alarmName,
      alarmArn: t.alarmArn,
      region: t.region,
      kind: t.kind,
      description: t.description,
    },
    title: `${t.alarmName} in ALARM (${t.region})`,
    status: 'open',
    openedAt: t.at,
    firstOpenedAt: t.at,
    alarmState: 'ALARM',
    alarmStateAt: t.at,
    ...(t.reason ? { reason: t.reason } : {}),
    openedBy: c.executionId,
    openings: 1,
    schedule: { generation: 0, nextUpdateAt: t.at, escalationLevel: 0, updatesSent: 0 },
    timeline: [],
  };
  addLine(record, { kind: 'alarm', text: `ALARM: ${t.reason ?? 'no reason given'}`, alarmAt: t.at }, c.now);
  const stamp = addLine(
    record,
    { kind: 'opened', text: `Opened as ${c.severity.severity} (${severity.definition}) from ${c.severity.because}` },
    c.now,
  );
  record.schedule = freshSchedule(stamp, severity, undefined);
  return record;
}

/** The pointer this execution holds as "opening", taking it (create, or replace a resolved one) when free. */
async function takePointer(t: AlarmTransition, c: TransitionContext, found: Awaited<ReturnType<typeof readPointer>>) {
  const pointer: AlarmPointer = {
    alarmName: t.alarmName,
    region: t.region,
    status: 'opening',
    executionId: c.executionId,
    since: t.at,
  };
  if (!(await writePointer(c.store, pointer, found?.etag))) {
    throw new TransientAwsError(`alarm ${t.alarmName}'s incident pointer changed while opening, retry`);
  }
}

async function open(t: AlarmTransition, c: TransitionContext): Promise<Outcome> {
  const id = await takeIncidentId(c.store, dayIn(new Date(t.at), c.settings.timeZone), {
    executionId: c.executionId,
    alarmName: t.alarmName,
  });
  const record = newRecord(id, t, c);
  if (!(await createRecord(c.store, record))) {
    const existing = await readRecord(c.store, id);
    if (existing?.value.openedBy !== c.executionId) throw new TransientAwsError(`incident ${id} exists, retry`);
  }
  await indexOpen(c.store, openEntry(id, record.severity, t.alarmName, record.openedAt));
  const mine = await readPointer(c.store, t.region, t.alarmName);
  const done: AlarmPointer = { ...mine!.value, status: 'open', incidentId: id };
  if (!(await writePointer(c.store, done, mine!.etag))) {
    throw new TransientAwsError(`alarm ${t.alarmName}'s incident pointer changed while opening ${id}, retry`);
  }
  return {
    route: 'open',
    why: `${id} opened (${record.severity}, ${c.severity.because}) for ${t.alarmName} in ALARM since ${utcMinute(t.at)}`,
    incidentId: id,
    severity: record.severity,
    alarm: alarmOf(t),
    warRoom: record.severity === 'SEV1',
  };
}

async function reopen(t: AlarmTransition, c: TransitionContext, pointer: AlarmPointer, etag: string): Promise<Outcome> {
  const id = pointer.incidentId!;
  const reopened: AlarmPointer = { ...pointer, status: 'open', executionId: c.executionId, since: t.at };
  if (!(await writePointer(c.store, reopened, etag))) {
    throw new TransientAwsError(`alarm ${t.alarmName}'s incident pointer changed while reopening ${id}, retry`);
  }
  return reopenRecord(t, c, id, pointer.since);
}

async function reopenRecord(t: AlarmTransition, c: TransitionContext, id: string, okSince: string): Promise<Outcome> {
  const { record } = await updateRecord(c.store, id, (r) => {
    if (r.status === 'open') return false; // reopened already (by this execution's earlier attempt)
    const severity = c.settings.severities[r.severity];
    r.status = 'open';
    r.openings += 1;
    r.openedAt = t.at;
    r.openedBy = c.executionId;
    r.alarmState = 'ALARM';
    r.alarmStateAt = t.at;
    r.reason = t.reason;
    r.resolvedAt = undefined;
    r.restoredAt = undefined;
    r.resolvedBy = undefined;
    addLine(r, { kind: 'alarm', text: `ALARM again: ${t.reason ?? 'no reason given'}`, alarmAt: t.at }, c.now);
    const stamp = addLine(
      r,
      {
        kind: 'reopened',
        text: `Reopened: the alarm flapped back to ALARM ${formatDuration(okSince, t.at)} after recovering (flap window ${c.settings.flapWindowMinutes} min)`,
      },
      c.now,
    );
    r.schedule = freshSchedule(stamp, severity, {
      generation: r.schedule.generation,
      acknowledged: Boolean(r.acknowledged),
      escalationLevel: r.schedule.escalationLevel,
    });
    return true;
  });
  await indexOpen(c.store, openEntry(id, record.severity, t.alarmName, record.openedAt));
  return {
    route: 'reopen',
    why: `${id} reopened: ${t.alarmName} back in ALARM within the flap window`,
    incidentId: id,
    severity: record.severity,
    alarm: alarmOf(t),
    warRoom: false,
  };
}

async function onOpenIncident(t: AlarmTransition, c: TransitionContext, id: string): Promise<Outcome> {
  const base = { incidentId: id, alarm: alarmOf(t) };
  const repeat = (record: IncidentRecord): Outcome => ({
    ...base,
    route: 'duplicate',
    why: `repeat: ${id} has ${t.alarmName} in ${record.alarmState} since ${utcMinute(record.alarmStateAt)}; this ${t.state} of ${utcMinute(t.at)} changes nothing`,
  });
  const { record, changed } = await updateRecord(c.store, id, (r) => {
    // A repeat, or an event delivered out of order (older than what the record knows), changes nothing.
    if (r.status !== 'open' || t.at <= r.alarmStateAt || (r.alarmState === t.state && t.state !== 'OK')) return false;
    if (t.state === 'OK') return false; // the resolve step records the restore
    r.alarmState = t.state;
    r.alarmStateAt = t.at;
    const text = t.state === 'ALARM' ? `Back in ALARM: ${t.reason ?? ''}` : `INSUFFICIENT_DATA: ${t.reason ?? ''}`;
    addLine(r, { kind: 'alarm', text: text.trim(), alarmAt: t.at }, c.now);
    return true;
  });
  if (t.state === 'OK' && record.status === 'open' && t.at > record.alarmStateAt) {
    return {
      ...base,
      route: 'resolve',
      why: `${t.alarmName} is OK: resolving ${id}`,
      resolve: { restoredAt: t.at, reason: t.reason ?? 'OK' },
    };
  }
  if (!changed) return repeat(record);
  return {
    ...base,
    route: 'note',
    why: `${id}: ${t.alarmName} went ${t.state}, noted on the timeline (updates go on)`,
  };
}

/** Applies one alarm transition; throws TransientAwsError when another execution is mid-way (the retry sees it). */
export async function applyTransition(t: AlarmTransition, c: TransitionContext): Promise<Outcome> {
  const found = await readPointer(c.store, t.region, t.alarmName);
  let pointer = found?.value;
  if (pointer?.status === 'opening' && pointer.executionId !== c.executionId) {
    throw new TransientAwsError(`an incident for ${t.alarmName} is being opened by ${pointer.executionId}, retry`);
  }
  if (pointer?.status === 'open' && pointer.incidentId) {
    const record = (await readRecord(c.store, pointer.incidentId))?.value;
    if (pointer.executionId === c.executionId && t.state === 'ALARM') {
      // A retry of the execution that opened or reopened it: finish what it started.
      if (record?.status === 'resolved') return reopenRecord(t, c, pointer.incidentId, record.restoredAt ?? t.at);
      return {
        route: record?.openings === 1 ? 'open' : 'reopen',
        why: `${pointer.incidentId} opened`,
        incidentId: pointer.incidentId,
        severity: record?.severity,
        alarm: alarmOf(t),
        warRoom: record?.severity === 'SEV1' && record.openings === 1,
      };
    }
    if (record?.status !== 'resolved') return onOpenIncident(t, c, pointer.incidentId);
    // The record says resolved while the pointer still says open (its resolve died half-way): resolved it is.
    pointer = { ...pointer, status: 'resolved', since: record.restoredAt ?? record.resolvedAt ?? pointer.since };
  }
  if (t.state !== 'ALARM') {
    return {
      route: 'ignore',
      why: `${t.alarmName} went ${t.state} and has no open incident: nothing to do`,
      alarm: alarmOf(t),
    };
  }
  if (pointer?.status === 'resolved' && pointer.incidentId) {
    const minutes = (Date.parse(t.at) - Date.parse(pointer.since)) / 60_000;
    if (minutes <= c.settings.flapWindowMinutes) return reopen(t, c, pointer, found!.etag);
  }
  if (pointer?.status !== 'opening') await takePointer(t, c, found);
  return open(t, c);
}
