// The judgement after a bake: green against the guards and against blue. A guard alarm in ALARM fails the step
// (unless the input allowed that alarm); too few green requests to judge extends the bake (at most the configured
// number of times, then the shift is rolled back as not judgeable, never passed); green's 5XX rate and p99 must be
// within the limits and not worse than blue's by more than the configured margins (compared only when blue had
// enough requests: at 100% it has none). Every number is in the judgement, which goes to the output and the report.
import type { Plan } from '../model/plan.ts';
import type { StepState } from '../shift/shift.ts';
import type { SideNumbers, Window } from './metrics.ts';

export type Verdict = 'pass' | 'fail' | 'extend';

export interface Judgement {
  percent: number;
  at: string;
  window: Window;
  green: SideNumbers;
  blue: SideNumbers;
  alarms: { name: string; state: string; allowed?: boolean }[];
  verdict: Verdict;
  /** Why it failed or was extended, one sentence each with the numbers. */
  reasons: string[];
  extensions: number;
}

const percentText = (rate: number) => `${(rate * 100).toFixed(2)}%`;

/** Judges one bake: `pass`, `fail` (with the reasons and numbers) or `extend` (too few requests, within the limit). */
export function judge(
  plan: Plan,
  step: StepState,
  numbers: { green: SideNumbers; blue: SideNumbers },
  alarms: Judgement['alarms'],
  window: Window,
  now: Date,
): Judgement {
  const { guards } = plan;
  const { green, blue } = numbers;
  const reasons: string[] = [];
  for (const alarm of alarms.filter((a) => a.state === 'ALARM' && !a.allowed)) {
    reasons.push(`guard alarm ${alarm.name} is in ALARM`);
  }
  const enough = green.requests >= guards.minRequests;
  if (enough) {
    if ((green.rate5xx ?? 0) > guards.max5xxRate) {
      reasons.push(
        `green 5XX rate ${percentText(green.rate5xx!)} (${green.errors5xx} of ${green.requests} requests) > ${percentText(guards.max5xxRate)}`,
      );
    }
    if (green.p99Ms !== undefined && green.p99Ms > guards.maxP99Ms) {
      reasons.push(`green p99 ${green.p99Ms} ms > ${guards.maxP99Ms} ms`);
    }
    if (blue.requests >= guards.minRequests) {
      const rateGap = (green.rate5xx ?? 0) - (blue.rate5xx ?? 0);
      if (rateGap > guards.max5xxRateAboveBlue) {
        reasons.push(
          `green 5XX rate ${percentText(green.rate5xx ?? 0)} exceeds blue's ${percentText(blue.rate5xx ?? 0)} by more than ${percentText(guards.max5xxRateAboveBlue)}`,
        );
      }
      if (
        green.p99Ms !== undefined &&
        blue.p99Ms !== undefined &&
        green.p99Ms - blue.p99Ms > guards.maxP99AboveBlueMs
      ) {
        reasons.push(
          `green p99 ${green.p99Ms} ms exceeds blue's ${blue.p99Ms} ms by more than ${guards.maxP99AboveBlueMs} ms`,
        );
      }
    }
  }
  let verdict: Verdict = reasons.length ? 'fail' : 'pass';
  if (!reasons.length && !enough) {
    const text = `${green.requests} green requests in ${window.seconds} s, fewer than the ${guards.minRequests} needed to judge`;
    if (step.extensions < plan.maxBakeExtensions) {
      verdict = 'extend';
      reasons.push(
        `${text}: bake extended by ${plan.extendBakeSeconds} s (${step.extensions + 1} of ${plan.maxBakeExtensions})`,
      );
    } else {
      verdict = 'fail';
      reasons.push(`${text}, after ${step.extensions} extension(s): not judgeable`);
    }
  }
  return {
    percent: step.percent,
    at: now.toISOString(),
    window,
    green,
    blue,
    alarms,
    verdict,
    reasons,
    extensions: step.extensions,
  };
}

/** The step after this judgement: an extended bake waits again, with what was baked so far remembered. */
export function nextStep(plan: Plan, step: StepState, judgement: Judgement): StepState {
  if (judgement.verdict !== 'extend') return step;
  return {
    ...step,
    bakedSeconds: step.bakedSeconds + step.waitSeconds,
    waitSeconds: plan.extendBakeSeconds,
    extensions: step.extensions + 1,
  };
}

/** One line with the numbers, for messages and the failed execution's cause. */
export function judgementText(judgement: Judgement): string {
  const side = (name: string, n: SideNumbers) =>
    `${name} ${n.requests} req, ${n.errors5xx} 5XX${n.rate5xx !== undefined ? ` (${percentText(n.rate5xx)})` : ''}${n.p99Ms !== undefined ? `, p99 ${n.p99Ms} ms` : ''}`;
  return `at ${judgement.percent}% over ${judgement.window.seconds} s: ${side('green', judgement.green)}; ${side('blue', judgement.blue)}${judgement.reasons.length ? ` — ${judgement.reasons.join('; ')}` : ''}`;
}
