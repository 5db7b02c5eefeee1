// The plan of one traffic shift, as the first step resolves it from the input, the service's config and the rule, and
// as every later step (and the restore after a stopped execution) receives it: small, JSON, in the state machine.
import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Capacity } from '../config.ts';

/** The thresholds a bake is judged against. */
export interface Guards {
  alarmNames: string[];
  max5xxRate: number;
  maxP99Ms: number;
  minRequests: number;
  max5xxRateAboveBlue: number;
  maxP99AboveBlueMs: number;
}

/** One side of the shift: a target group and its CloudWatch TargetGroup dimension (`targetgroup/<name>/<id>`). */
export interface Side {
  arn: string;
  name: string;
  dimension: string;
}

export interface Plan {
  playbook: 'traffic-shift';
  /** The configured service it was started for, if named. */
  service?: string;
  mode: 'blue-green' | 'canary';
  region: string;
  ruleArn: string;
  listenerArn: string;
  /** The CloudWatch LoadBalancer dimension, `app/<name>/<id>`. */
  loadBalancer: string;
  blue: Side;
  green: Side;
  /** Green's share after each step, percent, the last 100. */
  steps: number[];
  bakeSeconds: number;
  finalBakeSeconds: number;
  extendBakeSeconds: number;
  maxBakeExtensions: number;
  guards: Guards;
  /** Guard alarms already in ALARM that a human allowed for this shift (deploying their fix), with why. */
  allowFiringAlarms?: { alarmNames: string[]; reason: string };
  greenEndpoint?: string;
  greenStickiness: boolean;
  canaryHeader?: { name: string; value: string };
  blueCapacity?: Capacity;
  scaleBlueToZero: boolean;
  /** The rule's actions before the shift: what a rollback restores (blue at 100%). */
  savedActions: Action[];
  /** The rule's conditions (a canary's header rule carries them too, so it matches only this rule's traffic). */
  ruleConditions: { Field?: string; Values?: string[]; [key: string]: unknown }[];
  ruleIsDefault: boolean;
  rulePriority: string;
  lockTarget: string;
  lockTtlSeconds: number;
  recordKey: string;
  dryRun: boolean;
}

/** The ARN's region: arn:aws:elasticloadbalancing:<region>:... */
export const regionOfArn = (arn: string) => arn.split(':')[3] ?? '';

/** listener-rule/app/<lb>/<lb id>/<listener id>/<rule id> -> the listener's ARN. */
export const listenerArnOf = (ruleArn: string) =>
  ruleArn.replace(':listener-rule/', ':listener/').replace(/\/[^/]+$/, '');

/** The CloudWatch LoadBalancer dimension of the rule's load balancer: `app/<name>/<id>`. */
export function loadBalancerDimension(ruleArn: string): string {
  const path = ruleArn.slice(ruleArn.indexOf('listener-rule/') + 'listener-rule/'.length).split('/');
  return path.slice(0, 3).join('/');
}

/** A target group's side: its ARN, name and CloudWatch TargetGroup dimension. */
export function sideOf(targetGroupArn: string): Side {
  const dimension = targetGroupArn.slice(targetGroupArn.indexOf('targetgroup/'));
  return { arn: targetGroupArn, name: dimension.split('/')[1] ?? '', dimension };
}

/** The lock every playbook that changes this rule takes. */
export const ruleLockTarget = (ruleArn: string) => `alb-rule:${ruleArn}`;

/**
 * The longest a shift may run, in seconds: every step baked with all its extensions, the final bake, and half an hour
 * for the steps themselves. The lock lasts that long, so a lock left by a crashed run expires.
 */
export function longestRun(
  plan: Pick<Plan, 'steps' | 'bakeSeconds' | 'finalBakeSeconds' | 'extendBakeSeconds' | 'maxBakeExtensions'>,
): number {
  const extensions = plan.extendBakeSeconds * plan.maxBakeExtensions;
  const bakes = plan.steps.map((step) => (step === 100 ? plan.finalBakeSeconds : plan.bakeSeconds) + extensions);
  return bakes.reduce((sum, seconds) => sum + seconds, 0) + 1800;
}

/** Green's share at a step, as the blue and green weights of the forward action (out of 100). */
export const weightsAt = (percent: number) => ({ blue: 100 - percent, green: percent });
