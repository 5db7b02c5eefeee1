// Turns the readings (spend, forecast, anomalies, cleanup savings, spend per account; any of them may be a caught
// error) into the facts of the report: daily spend by service, credits and refunds apart, movers, the projected
// month against the budget, spend per linked account, what is missing and why. Pure: the same readings always give
// the same report.
import type { AccountSpendReading } from '../accounts/accounts.ts';
import type { AnomalyReading, CostAnomaly } from '../anomalies/anomalies.ts';
import type { ForecastReading } from '../forecast/forecast.ts';
import type { IsoDate } from '../plan/dates.ts';
import type { CostPlan } from '../plan/plan.ts';
import type { SavingsReading } from '../savings/savings.ts';
import { USD_PER_REQUEST } from '../usage/cost-explorer.ts';
import type { SpendReading } from '../usage/read.ts';
import { type AccountsAnalysis, accountNotes, analyzeAccounts } from './accounts.ts';
import { type Mover, moversBetween } from './movers.ts';
import {
  cents,
  chargesByService,
  type DayRow,
  dayRows,
  newServices,
  recordTypeTotals,
  sumOf,
  sumServices,
} from './spend.ts';

/** What the state machine's Catch hands on when a reading step failed after its retries. */
export interface StepFailure {
  status: 'error';
  error: { Error: string; Cause?: string };
}

export type Reading<T> = T | StepFailure;

export interface Readings {
  spend: Reading<SpendReading>;
  forecast: Reading<ForecastReading>;
  anomalies: Reading<AnomalyReading>;
  savings: Reading<SavingsReading>;
  /** Spend per linked account (absent or skipped: the stage has no other account, the report says nothing). */
  accounts?: Reading<AccountSpendReading>;
}

export interface ReportSettings {
  monthlyBudgetUsd?: number;
  topMovers: number;
}

export interface ServiceRow {
  service: string;
  spend: number;
  share: number;
  comparisonSpend: number;
  /** First charged day, for a service without spend on the same days of the month before. */
  newSince?: IsoDate;
}

export interface CostAnalysis {
  plan: CostPlan;
  unit: string;
  /** The spend reading's status: 'ok', 'no-data', 'skipped' (no complete day yet) or 'error'. */
  spendStatus: 'ok' | 'no-data' | 'skipped' | 'error';
  days: DayRow[];
  services: ServiceRow[];
  recordTypes: { recordType: string; amount: number }[];
  totals: {
    spend: number;
    credits: number;
    refunds: number;
    net: number;
    comparisonSpend: number;
    previousMonthSpend: number;
  };
  forecast: ForecastReading | { status: 'error'; message: string };
  /** The month's projected spend: actual for a whole month, actual to date + forecast otherwise. */
  projection: { projectedUsd: number; basis: string } | null;
  budget: { budgetUsd: number; projectedUsd: number | null; exceeded: boolean; overByUsd: number } | null;
  movers: {
    dayOverDay: { date: IsoDate; previousDate: IsoDate; movers: Mover[] } | null;
    sameDaysLastMonth: Mover[];
  };
  anomalies: { status: 'ok' | 'error'; message?: string; items: CostAnomaly[] };
  savings: SavingsReading | { status: 'error'; message: string };
  newServices: { service: string; since: IsoDate }[];
  /** Spend per linked account; absent when the stage has no account besides home. */
  accounts?: AccountsAnalysis;
  /** What is missing or special, one sentence each, in the order a reader needs them. */
  notes: string[];
  failedSteps: { step: string; error: string; message: string }[];
  costExplorer: { requests: number; costUsd: number; atLeast: boolean };
}

export const isFailure = (reading: unknown): reading is StepFailure =>
  (reading as StepFailure | undefined)?.status === 'error';

/** The message of a caught Lambda error: Step Functions passes it as Cause (JSON from Lambda, text locally). */
export function failureMessage(failure: StepFailure): string {
  const cause = failure.error.Cause ?? '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: string };
    if (parsed.errorMessage) return parsed.errorMessage;
  } catch {
    // not JSON: the cause is the message
  }
  return cause || failure.error.Error;
}

const STEP_NAMES: Record<keyof Readings, string> = {
  spend: 'GetCostAndUsage',
  forecast: 'GetCostForecast',
  anomalies: 'GetAnomalies',
  savings: 'Reading the cleanup reports',
  accounts: 'GetCostAndUsage by linked account',
};

/** A failure before any request was sent: the management account's member role could not be assumed. */
const UNREACHED = 'MemberAccessError';

/** One note per distinct failure: the four Cost Explorer readings fail alike when the management account is out of reach. */
function failureNotes(failedSteps: CostAnalysis['failedSteps']): string[] {
  const byCause = new Map<string, string[]>();
  for (const failed of failedSteps) {
    const cause = `${failed.error}: ${failed.message}`;
    byCause.set(cause, [...(byCause.get(cause) ?? []), failed.step]);
  }
  return [...byCause].map(([cause, steps]) => `${steps.join(', ')} failed: ${cause}`);
}

function failedStepsOf(readings: Readings): CostAnalysis['failedSteps'] {
  return (Object.entries(readings) as [keyof Readings, unknown][])
    .filter((entry): entry is [keyof Readings, StepFailure] => isFailure(entry[1]))
    .map(([name, failure]) => ({
      step: STEP_NAMES[name],
      error: failure.error.Error,
      message: failureMessage(failure),
    }));
}

function spendFacts(plan: CostPlan, spend: SpendReading | undefined, settings: ReportSettings) {
  const days = dayRows(plan, spend);
  const perService = sumServices(days.map((day) => day.byService));
  const comparison = spend ? chargesByService(spend, spend.comparison) : {};
  const before = spend?.days.find((day) => day.date < plan.period.start);
  const dayBefore =
    spend && before ? { date: before.date, byService: chargesByService(spend, before.amounts) } : undefined;
  const fresh = newServices(plan, days, perService, comparison, dayBefore?.byService ?? {});
  const totals = {
    spend: cents(sumOf(days.map((day) => day.spend))),
    credits: cents(sumOf(days.map((day) => day.credits))),
    refunds: cents(sumOf(days.map((day) => day.refunds))),
    net: cents(sumOf(days.map((day) => day.net))),
    comparisonSpend: cents(sumOf(Object.values(comparison))),
    previousMonthSpend: spend ? cents(sumOf(Object.values(chargesByService(spend, spend.previousMonth)))) : 0,
  };
  const services = Object.entries(perService)
    .map(([service, amount]): ServiceRow => {
      const newSince = fresh.find((item) => item.service === service)?.since;
      return {
        service,
        spend: amount,
        share: totals.spend ? Math.round((amount / totals.spend) * 10_000) / 10_000 : 0,
        comparisonSpend: comparison[service] ?? 0,
        ...(newSince ? { newSince } : {}),
      };
    })
    .sort((a, b) => b.spend - a.spend);
  const last = days.at(-1);
  const previous = days.length >= 2 ? days.at(-2) : dayBefore;
  const movers = {
    dayOverDay:
      spend && last && previous
        ? {
            date: last.date,
            previousDate: previous.date,
            movers: moversBetween(previous.byService, last.byService, settings.topMovers),
          }
        : null,
    sameDaysLastMonth: spend ? moversBetween(comparison, perService, settings.topMovers) : [],
  };
  return {
    days,
    totals,
    services,
    movers,
    newServices: fresh,
    recordTypes: spend ? recordTypeTotals(spend, plan) : [],
  };
}

function projectionOf(
  plan: CostPlan,
  spendTotal: number | undefined,
  forecast: CostAnalysis['forecast'],
): CostAnalysis['projection'] {
  if (spendTotal === undefined) return null;
  if (plan.complete) return { projectedUsd: spendTotal, basis: `spend of the whole of ${plan.monthName}` };
  if (forecast.status !== 'ok') return null;
  return {
    projectedUsd: cents(spendTotal + (forecast.meanUsd ?? 0)),
    basis: `spend before ${plan.period.end} plus Cost Explorer's forecast from ${forecast.start} to the month's end`,
  };
}

export function analyzeCosts(plan: CostPlan, readings: Readings, settings: ReportSettings): CostAnalysis {
  const failedSteps = failedStepsOf(readings);
  const notes = failureNotes(failedSteps);
  const spend = isFailure(readings.spend) ? undefined : readings.spend;
  if (!spend) notes.push('Spend, movers and the chart are missing: Cost Explorer did not answer.');
  else if (spend.status !== 'ok') notes.push(`No spend data: ${spend.message}.`);
  const facts = spendFacts(plan, spend, settings);
  if (spend?.status === 'ok' && facts.totals.spend === 0 && facts.days.length) {
    notes.push(`No spend recorded in ${plan.monthName}.`);
  }
  const accounts = analyzeAccounts(
    isFailure(readings.accounts) ? undefined : readings.accounts,
    isFailure(readings.accounts) ? failureMessage(readings.accounts) : undefined,
    facts.movers.dayOverDay?.movers[0],
  );
  notes.push(...accountNotes(accounts));
  for (const { service, since } of facts.newServices) {
    notes.push(
      since > plan.period.start
        ? `${service} appeared mid-month: first charge on ${since}.`
        : `${service} is new: no charge on the same days of ${plan.comparisonMonth}.`,
    );
  }

  const forecast = isFailure(readings.forecast)
    ? { status: 'error' as const, message: failureMessage(readings.forecast) }
    : readings.forecast;
  if ((forecast.status === 'skipped' || forecast.status === 'unavailable') && forecast.message) {
    notes.push(`No forecast: ${forecast.message}.`);
  }
  // Without spend data there is nothing to project or to hold against the budget (0 would read as "within budget").
  const known = spend?.status === 'ok' ? facts.totals.spend : undefined;
  const projection = projectionOf(plan, known, forecast);
  const judged = projection?.projectedUsd ?? known ?? null;
  const budgetUsd = settings.monthlyBudgetUsd;
  const budget =
    budgetUsd === undefined
      ? null
      : {
          budgetUsd,
          projectedUsd: projection?.projectedUsd ?? null,
          exceeded: judged !== null && judged > budgetUsd,
          overByUsd: judged !== null ? cents(Math.max(0, judged - budgetUsd)) : 0,
        };
  if (budget?.exceeded && !projection) notes.push('Spend to date already exceeds the monthly budget.');

  const anomalies = isFailure(readings.anomalies)
    ? { status: 'error' as const, message: failureMessage(readings.anomalies), items: [] }
    : { status: 'ok' as const, items: readings.anomalies.anomalies };
  const savings = isFailure(readings.savings)
    ? { status: 'error' as const, message: failureMessage(readings.savings) }
    : readings.savings;
  if (savings.status === 'none' && savings.message) notes.push(`Cleanup savings: ${savings.message}.`);

  // A failed step made at least one request (retries by the state machine may have made more), unless it failed
  // before sending any: the management account's role could not be assumed.
  const ceReadings = [readings.spend, readings.forecast, readings.anomalies, readings.accounts ?? { requests: 0 }];
  const sent = ceReadings.filter((reading) => !(isFailure(reading) && reading.error.Error === UNREACHED));
  const requests = sumOf(sent.map((reading) => (isFailure(reading) ? 1 : reading.requests)));
  return {
    plan,
    unit: spend?.unit ?? 'USD',
    spendStatus: spend?.status ?? 'error',
    ...facts,
    forecast,
    projection,
    budget,
    anomalies,
    savings,
    ...(accounts ? { accounts } : {}),
    notes,
    failedSteps,
    costExplorer: { requests, costUsd: cents(requests * USD_PER_REQUEST), atLeast: sent.some(isFailure) },
  };
}
