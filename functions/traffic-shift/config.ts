// traffic-shift's block under `playbooks.trafficShift` in config/*.yml: the services a console user can name, the
// default steps, bakes and guards, the smoke tests, green's stickiness and the canary header.
import * as z from 'zod';
import { Severity } from '../shared/config/primitives.ts';

const ruleArn = z
  .string()
  .regex(
    /^arn:aws[\w-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener-rule\/app\/[^/]+\/[0-9a-f]+\/[0-9a-f]+\/[0-9a-f]+$/,
    'an ALB listener rule ARN',
  );
const targetGroupArn = z
  .string()
  .regex(/^arn:aws[\w-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[^/]+\/[0-9a-f]+$/, 'a target group ARN');
const endpoint = z.url({ protocol: /^https?$/ }).refine((url) => !url.endsWith('/'), 'no trailing slash');

/** Blue's ASG or ECS service, scaled to zero after a promotion when asked (the runbook scales the idle side down). */
export const Capacity = z.union([
  z.strictObject({ autoScalingGroupName: z.string().min(1) }),
  z.strictObject({ ecsService: z.strictObject({ cluster: z.string().min(1), service: z.string().min(1) }) }),
]);
export type Capacity = z.infer<typeof Capacity>;

/** A service a console user or pipeline can name instead of passing ARNs. */
export const Service = z.strictObject({
  ruleArn,
  blueTargetGroupArn: targetGroupArn,
  greenTargetGroupArn: targetGroupArn,
  /** Base URL of green for the smoke tests (reachable from the smoke-test function). */
  greenEndpoint: endpoint.optional(),
  /** Guard alarms of this service (replaces `guards.alarmNames`). */
  alarmNames: z.array(z.string().min(1)).max(100).optional(),
  /** Blue's capacity, scaled to zero after a promotion when `scaleBlueToZero` holds. */
  blueCapacity: Capacity.optional(),
});

const steps = z
  .array(z.number().int().min(1).max(100))
  .min(1)
  .max(10)
  .refine((list) => list.every((step, index) => index === 0 || step > list[index - 1]), 'increasing percentages')
  .refine((list) => list.at(-1) === 100, 'the last step is 100');

export const Guards = z.strictObject({
  /** CloudWatch alarms that fail a step when in ALARM (and refuse the shift when already in ALARM). */
  alarmNames: z.array(z.string().min(1)).max(100).default([]),
  /** Green's HTTPCode_Target_5XX_Count / RequestCount over a bake may not exceed this. */
  max5xxRate: z.number().min(0).max(1).default(0.01),
  /** Green's TargetResponseTime p99 (its worst minute of the bake) may not exceed this, in milliseconds. */
  maxP99Ms: z.number().positive().default(1000),
  /** Fewer green requests than this in a bake cannot be judged: the bake is extended. */
  minRequests: z.number().int().min(1).default(100),
});

const SmokeTest = z.strictObject({
  name: z.string().min(1),
  method: z.enum(['GET', 'POST', 'HEAD', 'PUT']).default('GET'),
  path: z.string().startsWith('/'),
  /** JSON body sent with POST/PUT. */
  body: z.string().optional(),
  expectStatus: z.number().int().min(100).max(599).default(200),
});

/** The smoke tests run one after another in one function (its timeout is 300 s): their timeouts add up to this at most. */
const SMOKE_BUDGET_MS = 240_000;

export const TrafficShift = z
  .strictObject({
    /** Services by name: `{"service": "<name>"}` is enough input. */
    services: z.record(z.string().regex(/^[\w.-]+$/), Service).default({}),
    /** Green's share after each step of a blue-green shift (percent; the last is 100). */
    steps: steps.default([10, 50, 100]),
    /** The steps of a canary: the default rule's small weighted share (runbook: 95/5), then promotion. */
    canarySteps: steps.default([5, 100]),
    /** Wait after each step before judging (seconds). */
    bakeSeconds: z.number().int().min(0).max(7200).default(600),
    /** Wait at 100% before the shift is final (seconds). */
    finalBakeSeconds: z.number().int().min(0).max(14_400).default(600),
    /** Too few requests to judge: wait this much longer (seconds) ... */
    extendBakeSeconds: z.number().int().min(30).max(3600).default(300),
    /** ... at most this many times; then the shift is rolled back as not judgeable. */
    maxBakeExtensions: z.number().int().min(0).max(12).default(3),
    guards: Guards.prefault({}),
    /** Green fails when its 5XX rate exceeds blue's (same bake) by more than this (blue with traffic only). */
    max5xxRateAboveBlue: z.number().min(0).max(1).default(0.005),
    /** Green fails when its p99 exceeds blue's by more than this many milliseconds (blue with traffic only). */
    maxP99AboveBlueMs: z.number().min(0).default(300),
    /** The runbook's smoke tests, against green's endpoint before any traffic moves. */
    smokeTests: z
      .array(SmokeTest)
      .max(20)
      .default([
        { name: 'health', method: 'GET', path: '/health', expectStatus: 200 },
        { name: 'api test', method: 'POST', path: '/api/v1/test', body: '{}', expectStatus: 200 },
      ]),
    /** Per smoke test request (milliseconds). */
    smokeTimeoutMs: z.number().int().min(100).max(30_000).default(5000),
    /** stickiness.enabled on green's target group, as the runbook sets it; off leaves its attributes alone. */
    greenStickiness: z.boolean().default(true),
    /** The header of canary mode's rule that sends flagged requests to green (runbook: canary: true). */
    canaryHeader: z
      .strictObject({ name: z.string().regex(/^[\w-]{1,40}$/), value: z.string().min(1).max(128) })
      .default({ name: 'canary', value: 'true' }),
    /** After a promotion, scale blue's configured capacity to zero (the input may say otherwise). */
    scaleBlueToZero: z.boolean().default(false),
    /** Severity of the alert a rollback sends (pages at notifications.pagerduty.minSeverity or worse). */
    rollbackSeverity: Severity.default('SEV3'),
  })
  .refine((block) => block.smokeTests.length * block.smokeTimeoutMs <= SMOKE_BUDGET_MS, {
    message: `smokeTests x smokeTimeoutMs may take at most ${SMOKE_BUDGET_MS / 1000} s (the smoke-test function's timeout)`,
    path: ['smokeTimeoutMs'],
  });

/** The block with its defaults applied. */
export type TrafficShiftSettings = z.output<typeof TrafficShift>;
export { ruleArn as RuleArn, steps as Steps, targetGroupArn as TargetGroupArn };
