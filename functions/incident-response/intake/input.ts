// incident-response's input: a "CloudWatch Alarm State Change" event (metric, metric-math or composite alarm;
// ALARM, OK or INSUFFICIENT_DATA), an audit-trail event ("Autopilot Action", journaled for assessments), or a
// request by hand: acknowledge an incident, follow one up (what a hand-over starts), or look at one alarm now.
import * as z from 'zod';
import { isoOf } from '../model/clock.ts';
import type { AlarmKind, AlarmState } from '../model/record.ts';

export const INCIDENT_ID = /^INC-\d{8}-\d{3}$/;

/** "event.detail.state.value: Invalid option ..." (the manifest imports this module: no handler imports here). */
const issuesText = (error: z.ZodError, prefix: string) =>
  error.issues.map((issue) => `${[prefix, ...issue.path.map(String)].join('.')}: ${issue.message}`).join('; ');
const IncidentId = z.string().regex(INCIDENT_ID, 'an incident id such as INC-20261126-001');

const StateValue = z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']);
const Timestamp = z.string().refine((text) => !Number.isNaN(Date.parse(text.replace(/(\d{2})(\d{2})$/, '$1:$2'))), {
  message: 'a timestamp',
});
const AlarmStateSchema = z.looseObject({
  value: StateValue,
  reason: z.string().optional(),
  reasonData: z.string().optional(),
  timestamp: Timestamp,
});

const AlarmEvent = z.looseObject({
  id: z.string().min(1),
  'detail-type': z.literal('CloudWatch Alarm State Change'),
  source: z.literal('aws.cloudwatch'),
  account: z.string(),
  region: z.string().min(1),
  resources: z.array(z.string()).default([]),
  detail: z.looseObject({
    alarmName: z.string().min(1),
    state: AlarmStateSchema,
    previousState: AlarmStateSchema.optional(),
    configuration: z
      .looseObject({
        description: z.string().optional(),
        metrics: z.array(z.looseObject({ expression: z.string().optional() })).optional(),
        alarmRule: z.string().optional(),
      })
      .optional(),
  }),
});

const AuditEvent = z.looseObject({
  id: z.string().min(1),
  'detail-type': z.literal('Autopilot Action'),
  source: z.literal('idp.autopilot'),
  detail: z.looseObject({
    action: z.string(),
    resource: z.string(),
    region: z.string(),
    outcome: z.string(),
    time: z.string(),
    playbook: z.string(),
    executionId: z.string(),
  }),
});

/**
 * A request by hand (console, `autopilot run`, `autopilot ack`): exactly one of `acknowledge` (with `by`),
 * `follow` (take over the follow-up of an open incident) or `alarmName` (handle that alarm's current state).
 */
export const ManualRequest = z
  .strictObject({
    acknowledge: IncidentId.optional(),
    by: z.string().min(1).max(64).optional(),
    note: z.string().max(500).optional(),
    follow: IncidentId.optional(),
    /** Set by the execution that hands the follow-up over; by hand, omit it (you take the follow-up over). */
    generation: z.number().int().min(1).optional(),
    alarmName: z.string().min(1).max(255).optional(),
    region: z.string().min(1).optional(),
    dryRun: z.boolean().default(false),
  })
  .superRefine((request, ctx) => {
    const kinds = (['acknowledge', 'follow', 'alarmName'] as const).filter((key) => request[key] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of acknowledge, follow or alarmName' });
      return;
    }
    const only = (keys: string[], owner: string) => {
      for (const key of keys) {
        if (request[key as keyof typeof request] !== undefined && kinds[0] !== owner) {
          ctx.addIssue({ code: 'custom', path: [key], message: `only with ${owner}` });
        }
      }
    };
    only(['by', 'note'], 'acknowledge');
    only(['generation'], 'follow');
    only(['region'], 'alarmName');
    if (kinds[0] === 'acknowledge' && !request.by) {
      ctx.addIssue({ code: 'custom', path: ['by'], message: 'who acknowledges (a name)' });
    }
  });
export type ManualRequest = z.output<typeof ManualRequest>;

/** One alarm transition as the intake works with it (times as ISO). */
export interface AlarmTransition {
  eventId: string;
  alarmName: string;
  alarmArn: string;
  region: string;
  kind: AlarmKind;
  state: AlarmState;
  previousState?: AlarmState;
  reason?: string;
  /** The transition's time (the alarm's clock). */
  at: string;
  description?: string;
  /** Composite: the children that triggered it (from reasonData). */
  triggeringAlarms: string[];
}

export type Parsed =
  | { kind: 'alarm'; transition: AlarmTransition }
  | { kind: 'audit'; eventId: string; record: Record<string, unknown> & { time: string; playbook: string } }
  | { kind: 'acknowledge'; id: string; by: string; note?: string; dryRun: boolean }
  | { kind: 'follow'; id: string; generation?: number }
  | { kind: 'alarm-by-hand'; alarmName: string; region?: string; dryRun: boolean }
  | { kind: 'malformed'; why: string };

function kindOf(configuration: z.infer<typeof AlarmEvent>['detail']['configuration']): AlarmKind {
  if (configuration?.alarmRule !== undefined && !configuration.metrics) return 'composite';
  return configuration?.metrics?.some((metric) => metric.expression) ? 'math' : 'metric';
}

/** Names of the alarms a composite's reasonData lists as triggering ({"triggeringAlarms":[{"arn": ...}]}). */
export function triggeringAlarms(reasonData: string | undefined): string[] {
  try {
    const parsed = JSON.parse(reasonData ?? '{}') as { triggeringAlarms?: { arn?: string }[] };
    return (parsed.triggeringAlarms ?? []).flatMap((item) =>
      item.arn?.includes(':alarm:') ? [item.arn.slice(item.arn.indexOf(':alarm:') + 7)] : [],
    );
  } catch {
    return [];
  }
}

function parseAlarmEvent(raw: unknown): Parsed {
  const parsed = AlarmEvent.safeParse(raw);
  if (!parsed.success) return { kind: 'malformed', why: issuesText(parsed.error, 'event') };
  const { id, region, account, resources, detail } = parsed.data;
  const kind = kindOf(detail.configuration);
  return {
    kind: 'alarm',
    transition: {
      eventId: id,
      alarmName: detail.alarmName,
      alarmArn: resources[0] ?? `arn:aws:cloudwatch:${region}:${account}:alarm:${detail.alarmName}`,
      region,
      kind,
      state: detail.state.value,
      previousState: detail.previousState?.value,
      reason: detail.state.reason,
      at: isoOf(detail.state.timestamp),
      description: detail.configuration?.description,
      triggeringAlarms: kind === 'composite' ? triggeringAlarms(detail.state.reasonData) : [],
    },
  };
}

/** Sorts the execution input into what it is; an event that is not what the rules deliver is `malformed`. */
export function parseInput(raw: Record<string, unknown>, manual: () => ManualRequest): Parsed {
  if ('detail-type' in raw || 'detail' in raw) {
    if (raw.source === 'idp.autopilot') {
      const audit = AuditEvent.safeParse(raw);
      if (!audit.success) return { kind: 'malformed', why: issuesText(audit.error, 'event') };
      return { kind: 'audit', eventId: audit.data.id, record: audit.data.detail };
    }
    return parseAlarmEvent(raw);
  }
  const request = manual();
  if (request.acknowledge) {
    return {
      kind: 'acknowledge',
      id: request.acknowledge,
      by: request.by!,
      note: request.note,
      dryRun: request.dryRun,
    };
  }
  if (request.follow) return { kind: 'follow', id: request.follow, generation: request.generation };
  return { kind: 'alarm-by-hand', alarmName: request.alarmName!, region: request.region, dryRun: request.dryRun };
}
