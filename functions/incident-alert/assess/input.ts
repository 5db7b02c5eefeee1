// incident-alert's input: a "CloudWatch Alarm State Change" event as EventBridge delivers it, or a request by hand
// {"alarmName", "region"?, "dryRun"?} (the alarm's current state is read then). Validated here with the field named.
import * as z from 'zod';
import { InvalidInputError } from '../../shared/errors/errors.ts';
import { formatIssues } from '../../shared/handler/handler.ts';

/** How far back the alarm's state history is read (DescribeAlarmHistory) to find when its ALARM began. */
export const HISTORY_WINDOW_HOURS = 24;

const StateValue = z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']);
export type StateValue = z.infer<typeof StateValue>;

const AlarmState = z.looseObject({
  value: StateValue,
  reason: z.string().optional(),
  /** CloudWatch writes e.g. 2019-10-01T13:56:40.987+0000. */
  timestamp: z.string().refine((text) => !Number.isNaN(Date.parse(isoOf(text))), 'a timestamp'),
});

export const AlarmStateChangeEvent = z.looseObject({
  id: z.string().min(1),
  'detail-type': z.literal('CloudWatch Alarm State Change'),
  source: z.literal('aws.cloudwatch'),
  region: z.string().min(1),
  resources: z.array(z.string()).default([]),
  detail: z.looseObject({
    alarmName: z.string().min(1),
    state: AlarmState,
    previousState: AlarmState.optional(),
    configuration: z.looseObject({ description: z.string().optional() }).optional(),
  }),
});

export const ManualRequest = z.strictObject({
  alarmName: z.string().min(1).max(255),
  region: z.string().min(1).optional(),
  dryRun: z.boolean().default(false),
});

export interface ObservedState {
  value: StateValue;
  reason?: string;
  /** ISO time of the transition. */
  timestamp: string;
}

export type IncidentRequest =
  | {
      trigger: 'event';
      eventId: string;
      alarmName: string;
      region: string;
      state: ObservedState;
      previousState?: ObservedState;
      dryRun: false;
    }
  | { trigger: 'manual'; alarmName: string; region?: string; dryRun: boolean };

/** +0000 -> +00:00, so every runtime parses CloudWatch's timestamps. */
export function isoOf(text: string): string {
  return text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

const observed = (state: z.infer<typeof AlarmState>): ObservedState => ({
  value: state.value,
  reason: state.reason,
  timestamp: new Date(isoOf(state.timestamp)).toISOString(),
});

export function parseIncidentInput(raw: Record<string, unknown>): IncidentRequest {
  if ('detail-type' in raw || 'detail' in raw) {
    const parsed = AlarmStateChangeEvent.safeParse(raw);
    if (!parsed.success) throw new InvalidInputError(formatIssues(parsed.error));
    const { id, region, detail } = parsed.data;
    return {
      trigger: 'event',
      eventId: id,
      alarmName: detail.alarmName,
      region,
      state: observed(detail.state),
      previousState: detail.previousState ? observed(detail.previousState) : undefined,
      dryRun: false,
    };
  }
  const parsed = ManualRequest.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(formatIssues(parsed.error));
  return { trigger: 'manual', ...parsed.data };
}

// The execution input is the alarm event or a request by hand; input.ts validates both with the field named. This
// schema only shows the two shapes (`autopilot list`) and keeps every member.
export const IncidentExecutionInput = z.union([
  z.looseObject({ 'detail-type': z.literal('CloudWatch Alarm State Change'), detail: z.looseObject({}) }),
  z.looseObject({ alarmName: z.string(), region: z.string().optional(), dryRun: z.boolean().optional() }),
]);
