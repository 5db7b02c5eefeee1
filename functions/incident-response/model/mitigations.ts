// Mitigations attached to alarms (the runbook's SEV1 "Mitigation (5-30 minutes)": scale up, enable the circuit
// breaker, fail over): config names the alarms (name or `*` pattern) and what starts when an incident opens for
// one. Each runs once per incident and lands on its timeline; a regional failover always waits for a human.
import * as z from 'zod';
import { awsRegion } from '../../shared/config/primitives.ts';
import { matchesGlob } from './severities.ts';

const PlaybookName = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'a playbook name such as regional-failover');

/** Raise an Auto Scaling group's desired capacity by `increaseBy`, never above its maximum. */
const ScaleOut = z.strictObject({
  type: z.literal('scale-out'),
  autoScalingGroup: z.string().min(1).max(255),
  region: awsRegion.optional(),
  increaseBy: z.number().int().min(1).max(100).default(2),
});

/** The runbook's circuit_breaker flag: an SSM String parameter set to `value` (the previous value is kept). */
const CircuitBreaker = z.strictObject({
  type: z.literal('circuit-breaker'),
  parameter: z.string().regex(/^\/[\w.\-/]+$/, 'an SSM parameter name such as /idp/prod/api-config/circuit_breaker'),
  value: z.string().min(1).max(64).default('enabled'),
  region: awsRegion.optional(),
});

/** Start another playbook's state machine (idp-autopilot-<stage>-<playbook>) with `input`. */
const StartPlaybook = z.strictObject({
  type: z.literal('playbook'),
  playbook: PlaybookName,
  input: z.record(z.string(), z.unknown()).default({}),
  /** Wait for a human's approval (task token) before starting it. */
  approval: z.boolean().default(true),
});

/** The runbook's "Trigger regional failover": starts the regional-failover playbook, always after an approval. */
const RegionalFailover = z.strictObject({
  type: z.literal('regional-failover'),
  playbook: PlaybookName.default('regional-failover'),
  input: z.record(z.string(), z.unknown()).default({}),
});

export const MitigationAction = z.discriminatedUnion('type', [
  ScaleOut,
  CircuitBreaker,
  StartPlaybook,
  RegionalFailover,
]);
export type MitigationAction = z.infer<typeof MitigationAction>;

export const MitigationRule = z.strictObject({
  /** The alarm name, or a pattern with `*`. */
  alarm: z.string().min(1).max(255),
  actions: z.array(MitigationAction).min(1).max(5),
});
export type MitigationRule = z.infer<typeof MitigationRule>;

/** Whether an action waits for a human before it runs. */
export const needsApproval = (action: MitigationAction) =>
  action.type === 'regional-failover' || (action.type === 'playbook' && action.approval);

/** The playbook an action starts, if it starts one. */
export const playbookOf = (action: MitigationAction) =>
  action.type === 'playbook' || action.type === 'regional-failover' ? action.playbook : undefined;

/** The actions configured for `alarmName`, in config order (their index identifies them). */
export function actionsFor(settings: { mitigations: MitigationRule[] }, alarmName: string): MitigationAction[] {
  return settings.mitigations.filter((rule) => matchesGlob(rule.alarm, alarmName)).flatMap((rule) => rule.actions);
}

/** One line naming the action. */
export function describeAction(action: MitigationAction): string {
  switch (action.type) {
    case 'scale-out':
      return `scale out ${action.autoScalingGroup} by ${action.increaseBy}`;
    case 'circuit-breaker':
      return `set circuit breaker ${action.parameter} to ${action.value}`;
    default:
      return `start ${action.type === 'regional-failover' ? 'regional failover' : 'playbook'} ${playbookOf(action)}`;
  }
}
