import { describe, expect, it } from 'vitest';
import { judge, nextStep } from '../../functions/traffic-shift/judge/judge.ts';
import { windowOf } from '../../functions/traffic-shift/judge/metrics.ts';
import type { Plan } from '../../functions/traffic-shift/model/plan.ts';
import { actionsAt } from '../../functions/traffic-shift/model/rule.ts';
import type { StepState } from '../../functions/traffic-shift/shift/shift.ts';

const plan = {
  guards: {
    alarmNames: ['g'],
    max5xxRate: 0.01,
    maxP99Ms: 1000,
    minRequests: 100,
    max5xxRateAboveBlue: 0.005,
    maxP99AboveBlueMs: 300,
  },
  maxBakeExtensions: 2,
  extendBakeSeconds: 300,
} as unknown as Plan;
const step: StepState = {
  index: 0,
  percent: 10,
  weights: { blue: 90, green: 10 },
  waitSeconds: 600,
  bakedSeconds: 0,
  extensions: 0,
  last: false,
  setAt: '2026-11-30T10:00:00.000Z',
};
const window = windowOf(new Date('2026-11-30T10:10:30Z'), 600);
const now = new Date('2026-11-30T10:10:30Z');
const side = (requests: number, errors5xx: number, p99Ms?: number) => ({
  requests,
  errors5xx,
  ...(requests ? { rate5xx: errors5xx / requests } : {}),
  ...(p99Ms === undefined ? {} : { p99Ms }),
});
const ok = [{ name: 'g', state: 'OK' }];
const verdictOf = (green: ReturnType<typeof side>, blue = side(5000, 5, 400), alarms = ok, at = step) =>
  judge(plan, at, { green, blue }, alarms, window, now);

describe('the judgement after a bake', () => {
  it('passes green within the limits and near blue', () => {
    expect(verdictOf(side(1000, 5, 450)).verdict).toBe('pass');
  });

  it("fails green's 5XX rate above the limit, with the numbers", () => {
    const judgement = verdictOf(side(1000, 30, 450));
    expect(judgement.verdict).toBe('fail');
    expect(judgement.reasons[0]).toBe('green 5XX rate 3.00% (30 of 1000 requests) > 1.00%');
  });

  it('fails green worse than blue by more than the margins, even within the absolute limits', () => {
    expect(verdictOf(side(1000, 8, 450), side(5000, 0, 400)).reasons).toEqual([
      "green 5XX rate 0.80% exceeds blue's 0.00% by more than 0.50%",
    ]);
    expect(verdictOf(side(1000, 0, 900), side(5000, 0, 400)).reasons).toEqual([
      "green p99 900 ms exceeds blue's 400 ms by more than 300 ms",
    ]);
  });

  it('does not compare with a blue that has too few requests (at 100% it has none)', () => {
    expect(verdictOf(side(1000, 8, 900), side(0, 0)).verdict).toBe('pass');
  });

  it('fails on a guard alarm in ALARM, unless the input allowed it', () => {
    expect(verdictOf(side(1000, 0, 400), undefined, [{ name: 'g', state: 'ALARM' }]).verdict).toBe('fail');
    expect(
      verdictOf(side(1000, 0, 400), undefined, [{ name: 'g', state: 'ALARM', allowed: true } as never]).verdict,
    ).toBe('pass');
  });

  it('extends the bake while green has too few requests, then gives up as not judgeable', () => {
    const first = verdictOf(side(50, 0, 400));
    expect(first.verdict).toBe('extend');
    const extended = nextStep(plan, step, first);
    expect(extended).toMatchObject({ waitSeconds: 300, bakedSeconds: 600, extensions: 1 });
    const last = verdictOf(side(50, 0, 400), undefined, ok, { ...extended, extensions: 2 });
    expect(last.verdict).toBe('fail');
    expect(last.reasons[0]).toContain('not judgeable');
  });

  it('judges whole minutes of the bake', () => {
    expect(window).toEqual({ start: '2026-11-30T10:00:00.000Z', end: '2026-11-30T10:10:00.000Z', seconds: 600 });
    expect(windowOf(now, 0).seconds).toBe(60);
  });
});

describe("the rule's actions at a step", () => {
  it("keeps the rule's other actions and its group stickiness", () => {
    const saved = [
      { Type: 'authenticate-oidc', Order: 1 },
      {
        Type: 'forward',
        Order: 2,
        ForwardConfig: {
          TargetGroups: [{ TargetGroupArn: 'blue', Weight: 1 }],
          TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 60 },
        },
      },
    ];
    const actions = actionsAt({ savedActions: saved, blue: { arn: 'blue' }, green: { arn: 'green' } } as Plan, 10);
    expect(actions[0]).toEqual(saved[0]);
    expect(actions[1]).toEqual({
      Type: 'forward',
      Order: 2,
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: 'blue', Weight: 90 },
          { TargetGroupArn: 'green', Weight: 10 },
        ],
        TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 60 },
      },
    });
  });
});
