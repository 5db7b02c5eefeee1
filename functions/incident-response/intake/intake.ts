// The first step: what this execution is about and where the state machine goes next. Malformed or unexpected
// events are logged with the reason and end the run (no incident, no message); a redelivered event finds its claim
// and changes nothing; a request by hand is checked (the incident must exist and be open to follow it).
import { type CloudWatchClient, DescribeAlarmsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-cloudwatch';
import { claimFor, keyPart, putOnce } from '../../shared/claims/claims.ts';
import { InvalidInputError, ResourceNotFoundError } from '../../shared/errors/errors.ts';
import { logger } from '../../shared/handler/logger.ts';
import type { IncidentResponseSettings } from '../config.ts';
import { classify, needsTagsToRoute, notHandledBecause } from '../model/classify.ts';
import { latest } from '../model/clock.ts';
import { changeKey } from '../model/journal.ts';
import { WORK_PREFIX } from '../model/record.ts';
import { readPointer } from '../model/registry.ts';
import { nextDue } from '../model/schedule.ts';
import { matchesGlob } from '../model/severities.ts';
import { requireRecord, type Store, updateRecord } from '../model/store.ts';
import type { AlarmTransition, Parsed } from './input.ts';
import type { IntakeResult } from './result.ts';
import { applyTransition } from './transition.ts';

export interface IntakeDeps {
  store: Store;
  cloudwatch: (region: string) => CloudWatchClient;
  settings: IncidentResponseSettings;
  executionId: string;
  now: Date;
  /** Where an alarm named by hand without a region is looked up. */
  homeRegion: string;
}

const eventClaimKey = (eventId: string) => `${WORK_PREFIX}events/${keyPart(eventId)}.json`;

async function tagsOf(cloudwatch: CloudWatchClient, arn: string): Promise<Record<string, string>> {
  const result = await cloudwatch.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
  return Object.fromEntries((result.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
}

/** The current state of an alarm named by hand, as a transition (no event id: nothing to claim). */
async function currentTransition(cloudwatch: CloudWatchClient, name: string, region: string): Promise<AlarmTransition> {
  const found = await cloudwatch.send(
    new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
  );
  const metric = found.MetricAlarms?.find((alarm) => alarm.AlarmName === name);
  const composite = found.CompositeAlarms?.find((alarm) => alarm.AlarmName === name);
  const alarm = metric ?? composite;
  if (!alarm) throw new ResourceNotFoundError(`CloudWatch alarm "${name}" not found in ${region}`);
  return {
    eventId: '',
    alarmName: name,
    alarmArn: alarm.AlarmArn ?? name,
    region,
    kind: composite ? 'composite' : metric?.Metrics?.length ? 'math' : 'metric',
    state: alarm.StateValue ?? 'INSUFFICIENT_DATA',
    reason: alarm.StateReason,
    at: (alarm.StateTransitionedTimestamp ?? alarm.StateUpdatedTimestamp ?? new Date()).toISOString(),
    description: alarm.AlarmDescription,
    triggeringAlarms: [],
  };
}

/** What the transition would do, read without writing anything. */
async function dryRunDecision(t: AlarmTransition, tags: Record<string, string>, deps: IntakeDeps): Promise<Decision> {
  const { severity, because } = classify(t.alarmName, tags, deps.settings);
  const pointer = (await readPointer(deps.store, t.region, t.alarmName))?.value;
  const open = pointer?.status === 'open' ? pointer.incidentId : undefined;
  const flapping =
    pointer?.status === 'resolved' &&
    (Date.parse(t.at) - Date.parse(pointer.since)) / 60_000 <= deps.settings.flapWindowMinutes;
  const would =
    t.state === 'ALARM'
      ? open
        ? 'nothing'
        : flapping
          ? 'reopen'
          : 'open'
      : t.state === 'OK' && open
        ? 'resolve'
        : open
          ? 'note'
          : 'nothing';
  const target = open ?? (flapping ? pointer?.incidentId : undefined);
  return {
    route: 'dry-run',
    why: `dry run: ${t.alarmName} is ${t.state}; would ${would}${target ? ` ${target}` : ''} (${severity} from ${because})`,
    severity,
    would,
    alarm: { name: t.alarmName, region: t.region, arn: t.alarmArn, kind: t.kind },
  };
}

type Decision = Omit<IntakeResult, 'dryRun' | 'ackWaitSeconds' | 'warRoom' | 'mitigations'> &
  Partial<Pick<IntakeResult, 'warRoom' | 'mitigations'>>;

async function onAlarm(t: AlarmTransition, deps: IntakeDeps, dryRun: boolean, byHand: boolean): Promise<Decision> {
  const byName = notHandledBecause(t.alarmName, undefined, deps.settings);
  const ignoredOutright = deps.settings.ignoreAlarmNames.some((pattern) => matchesGlob(pattern, t.alarmName));
  // Tags decide the severity of an opening, and whether an alarm outside the prefixes is ours when config says so.
  const readTags = !ignoredOutright && (byName === undefined ? t.state === 'ALARM' : needsTagsToRoute(deps.settings));
  const tags = readTags ? await tagsOf(deps.cloudwatch(t.region), t.alarmArn) : {};
  const why = notHandledBecause(t.alarmName, tags, deps.settings);
  if (why) return { route: 'ignore', why };
  if (dryRun) return dryRunDecision(t, tags, deps);
  if (
    !byHand &&
    !(await claimFor(deps.store.s3, deps.store.bucket, eventClaimKey(t.eventId), {
      executionId: deps.executionId,
      alarmName: t.alarmName,
      state: t.state,
    }))
  ) {
    return { route: 'duplicate', why: `event ${t.eventId} was already handled: nothing changes` };
  }
  return applyTransition(t, {
    store: deps.store,
    settings: deps.settings,
    executionId: deps.executionId,
    now: deps.now,
    severity: classify(t.alarmName, tags, deps.settings),
  });
}

async function onFollow(id: string, generation: number | undefined, deps: IntakeDeps): Promise<Decision> {
  const record = await requireRecord(deps.store, id);
  if (record.status !== 'open') throw new InvalidInputError(`input.follow: ${id} is ${record.status}, not open`);
  let taken = generation ?? record.schedule.generation;
  if (generation === undefined) {
    // By hand: this execution takes the follow-up over; the loop that had it stops at its next check.
    const { record: updated } = await updateRecord(deps.store, id, (r) => {
      r.schedule.generation += 1;
      return true;
    });
    taken = updated.schedule.generation;
  }
  const dueAt = latest(nextDue(record.schedule), deps.now);
  return {
    route: 'follow',
    why: `${id}: following up (generation ${taken}), next due ${dueAt}`,
    incidentId: id,
    severity: record.severity,
    follow: { incidentId: id, generation: taken, dueAt, checks: 0, next: 'wait' },
  };
}

/** Decides the route for one parsed input; writes only what makes the decision atomic (claims, pointer, record). */
export async function decide(parsed: Parsed, deps: IntakeDeps): Promise<IntakeResult> {
  const ackWaitSeconds = deps.settings.acknowledgeLinkHours * 3600;
  const base = { dryRun: false, ackWaitSeconds, warRoom: false, mitigations: false };
  let decision: Decision;
  let dryRun = false;
  switch (parsed.kind) {
    case 'malformed':
      decision = { route: 'ignore', why: `malformed event: ${parsed.why}` };
      break;
    case 'audit': {
      const created = await putOnce(
        deps.store.s3,
        deps.store.bucket,
        changeKey(parsed.record.time, parsed.eventId),
        parsed.record,
      );
      decision = {
        route: 'journal',
        why: `${created ? 'journaled' : 'already journaled'}: ${parsed.record.playbook} ${String(parsed.record.action)} on ${String(parsed.record.resource)}`,
      };
      break;
    }
    case 'acknowledge': {
      const record = await requireRecord(deps.store, parsed.id);
      dryRun = parsed.dryRun;
      decision = {
        route: 'acknowledge',
        why: `${parsed.id} (${record.status}): acknowledgement by ${parsed.by}${dryRun ? ' (dry run)' : ''}`,
        incidentId: parsed.id,
        severity: record.severity,
        acknowledge: { by: parsed.by, note: parsed.note },
      };
      break;
    }
    case 'follow':
      decision = await onFollow(parsed.id, parsed.generation, deps);
      break;
    case 'alarm-by-hand': {
      dryRun = parsed.dryRun;
      const region = parsed.region ?? deps.homeRegion;
      decision = await onAlarm(
        await currentTransition(deps.cloudwatch(region), parsed.alarmName, region),
        deps,
        dryRun,
        true,
      );
      break;
    }
    case 'alarm':
      decision = await onAlarm(parsed.transition, deps, false, false);
      break;
  }
  const mitigations =
    decision.route === 'open' && decision.alarm
      ? deps.settings.mitigations.some((rule) => matchesGlob(rule.alarm, decision.alarm!.name))
      : false;
  const result: IntakeResult = { ...base, ...decision, dryRun, mitigations };
  if (result.route === 'open' || result.route === 'reopen') {
    const record = await requireRecord(deps.store, result.incidentId!);
    result.follow = {
      incidentId: record.id,
      generation: record.schedule.generation,
      dueAt: nextDue(record.schedule),
      checks: 0,
      next: 'wait',
    };
  }
  // Unexpected and malformed events are logged with the reason (INFO); the routine routes at DEBUG.
  const log = result.route === 'ignore' ? logger.info.bind(logger) : logger.debug.bind(logger);
  log('incident-response intake', { route: result.route, why: result.why, incidentId: result.incidentId });
  return result;
}
