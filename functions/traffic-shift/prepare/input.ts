// What traffic-shift takes by hand (console, `autopilot run`) or from a deploy pipeline (StartExecution): the rule and
// the blue and green target groups, or a configured service's name; everything else defaults from config. A strict
// schema: an unknown key is refused by name before anything runs.
import * as z from 'zod';
import type { GlobalConfig } from '../../shared/config/config.ts';
import { InvalidInputError } from '../../shared/errors/errors.ts';
import { RuleArn, Steps, TargetGroupArn, type TrafficShiftSettings } from '../config.ts';
import type { Plan } from '../model/plan.ts';
import {
  listenerArnOf,
  loadBalancerDimension,
  longestRun,
  regionOfArn,
  ruleLockTarget,
  sideOf,
} from '../model/plan.ts';

export const ManualInput = z
  .strictObject({
    service: z.string().min(1).optional(),
    ruleArn: RuleArn.optional(),
    blueTargetGroupArn: TargetGroupArn.optional(),
    greenTargetGroupArn: TargetGroupArn.optional(),
    mode: z.enum(['blue-green', 'canary']).default('blue-green'),
    steps: Steps.optional(),
    bakeSeconds: z.number().int().min(0).max(7200).optional(),
    finalBakeSeconds: z.number().int().min(0).max(14_400).optional(),
    guards: z
      .strictObject({
        alarmNames: z.array(z.string().min(1)).max(100).optional(),
        max5xxRate: z.number().min(0).max(1).optional(),
        maxP99Ms: z.number().positive().optional(),
        minRequests: z.number().int().min(1).optional(),
      })
      .optional(),
    /** Deploying the fix for a firing alarm: the guard alarms allowed to be in ALARM, and why (in the report). */
    allowFiringAlarms: z
      .strictObject({ alarmNames: z.array(z.string().min(1)).min(1), reason: z.string().min(5).max(500) })
      .optional(),
    greenEndpoint: z.url({ protocol: /^https?$/ }).optional(),
    scaleBlueToZero: z.boolean().optional(),
    dryRun: z.boolean().default(false),
  })
  .refine(
    (input) =>
      Boolean(input.service) || Boolean(input.ruleArn && input.blueTargetGroupArn && input.greenTargetGroupArn),
    {
      message: 'name a configured service, or give ruleArn, blueTargetGroupArn and greenTargetGroupArn',
    },
  )
  .refine((input) => input.blueTargetGroupArn === undefined || input.blueTargetGroupArn !== input.greenTargetGroupArn, {
    message: 'blue and green must be different target groups',
    path: ['greenTargetGroupArn'],
  });
export type ManualInput = z.output<typeof ManualInput>;

/**
 * The service a request names is one the stage configures (checked before anything runs, and again by the plan).
 * @throws InvalidInputError naming input.service and the configured ones.
 */
export function checkService(input: { service?: string }, settings: TrafficShiftSettings): void {
  if (!input.service || settings.services[input.service]) return;
  const known = Object.keys(settings.services);
  throw new InvalidInputError(
    `input.service: ${input.service} is not configured (${known.length ? `configured: ${known.join(', ')}` : 'no services configured'})`,
  );
}

/**
 * The plan the input asks for, with the service's config and the block's defaults filled in; the rule's current
 * state (saved actions, conditions) is added by the checks.
 * @throws InvalidInputError for an unknown service, a region that is not configured, or target groups of another
 * region than the rule.
 */
export function planOf(
  input: ManualInput,
  settings: TrafficShiftSettings,
  config: GlobalConfig,
  recordKey: string,
): Omit<Plan, 'savedActions' | 'ruleConditions' | 'ruleIsDefault' | 'rulePriority'> {
  checkService(input, settings);
  const service = input.service ? settings.services[input.service] : undefined;
  const ruleArn = input.ruleArn ?? service!.ruleArn;
  const blueArn = input.blueTargetGroupArn ?? service!.blueTargetGroupArn;
  const greenArn = input.greenTargetGroupArn ?? service!.greenTargetGroupArn;
  const region = regionOfArn(ruleArn);
  if (!config.regions.includes(region)) {
    throw new InvalidInputError(
      `input.ruleArn: region ${region} not configured (allowed: ${config.regions.join(', ')})`,
    );
  }
  for (const [key, arn] of [
    ['blueTargetGroupArn', blueArn],
    ['greenTargetGroupArn', greenArn],
  ] as const) {
    if (regionOfArn(arn) !== region) throw new InvalidInputError(`input.${key}: not in the rule's region ${region}`);
  }
  const canary = input.mode === 'canary';
  const timing = {
    steps: input.steps ?? (canary ? settings.canarySteps : settings.steps),
    bakeSeconds: input.bakeSeconds ?? settings.bakeSeconds,
    finalBakeSeconds: input.finalBakeSeconds ?? settings.finalBakeSeconds,
    extendBakeSeconds: settings.extendBakeSeconds,
    maxBakeExtensions: settings.maxBakeExtensions,
  };
  const lockTtlSeconds = longestRun(timing);
  if (lockTtlSeconds > 86_400) {
    throw new InvalidInputError('input: the steps, bakes and extensions could take more than 24 hours (the limit)');
  }
  return {
    playbook: 'traffic-shift',
    ...(input.service ? { service: input.service } : {}),
    mode: input.mode,
    region,
    ruleArn,
    listenerArn: listenerArnOf(ruleArn),
    loadBalancer: loadBalancerDimension(ruleArn),
    blue: sideOf(blueArn),
    green: sideOf(greenArn),
    ...timing,
    guards: {
      alarmNames: input.guards?.alarmNames ?? service?.alarmNames ?? settings.guards.alarmNames,
      max5xxRate: input.guards?.max5xxRate ?? settings.guards.max5xxRate,
      maxP99Ms: input.guards?.maxP99Ms ?? settings.guards.maxP99Ms,
      minRequests: input.guards?.minRequests ?? settings.guards.minRequests,
      max5xxRateAboveBlue: settings.max5xxRateAboveBlue,
      maxP99AboveBlueMs: settings.maxP99AboveBlueMs,
    },
    ...(input.allowFiringAlarms ? { allowFiringAlarms: input.allowFiringAlarms } : {}),
    ...((input.greenEndpoint ?? service?.greenEndpoint)
      ? { greenEndpoint: (input.greenEndpoint ?? service?.greenEndpoint)!.replace(/\/$/, '') }
      : {}),
    greenStickiness: settings.greenStickiness,
    ...(canary ? { canaryHeader: settings.canaryHeader } : {}),
    ...(service?.blueCapacity ? { blueCapacity: service.blueCapacity } : {}),
    scaleBlueToZero: input.scaleBlueToZero ?? settings.scaleBlueToZero,
    lockTarget: ruleLockTarget(ruleArn),
    lockTtlSeconds,
    recordKey,
    dryRun: input.dryRun,
  };
}
