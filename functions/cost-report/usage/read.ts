// One GetCostAndUsage query (paginated) gives everything the report says about actual spend: DAILY UnblendedCost
// grouped by SERVICE and RECORD_TYPE (credits and refunds are record types, so they come apart from the charges
// without a second request), from the first of the month before through the last reported day. The days of the
// reported period are kept per day; the same days of the month before are summed per service (the comparison);
// the month before in full gives its total. Amounts travel index-encoded to stay far below the 256 KB state limit.
import type { CostExplorerClient, ResultByTime } from '@aws-sdk/client-cost-explorer';
import { addDays, type IsoDate } from '../plan/dates.ts';
import type { CostPlan, Interval } from '../plan/plan.ts';
import { costAndUsagePages } from './pages.ts';

export const COST_METRIC = 'UnblendedCost';

/** [service index, record type index, amount] */
export type Amount = [number, number, number];

export interface DayCost {
  date: IsoDate;
  /** Cost Explorer's Estimated flag: the month's bill is not final yet. */
  estimated: boolean;
  amounts: Amount[];
}

export interface SpendReading {
  status: 'ok' | 'no-data' | 'skipped';
  /** Why there is nothing to show (no-data, skipped). */
  message?: string;
  /** Cost Explorer requests made (each is billed 0.01 USD). */
  requests: number;
  unit: string;
  services: string[];
  recordTypes: string[];
  /** Every day of the period plus the day before it (for day over day), oldest first. */
  days: DayCost[];
  /** The comparison days summed. */
  comparison: Amount[];
  /** The whole month before, summed. */
  previousMonth: Amount[];
}

/** Sums amounts per (service, record type) into index-encoded triples, dropping zeros. */
class Ledger {
  readonly services: string[] = [];
  readonly recordTypes: string[] = [];

  index(list: string[], name: string): number {
    const found = list.indexOf(name);
    if (found >= 0) return found;
    list.push(name);
    return list.length - 1;
  }

  encode(sums: Map<string, number>): Amount[] {
    const amounts: Amount[] = [];
    for (const [key, amount] of sums) {
      const [service, recordType] = JSON.parse(key) as [string, string];
      const rounded = Math.round(amount * 1e6) / 1e6;
      if (rounded !== 0) {
        amounts.push([this.index(this.services, service), this.index(this.recordTypes, recordType), rounded]);
      }
    }
    return amounts;
  }
}

function add(sums: Map<string, number>, service: string, recordType: string, amount: number): void {
  const key = JSON.stringify([service, recordType]);
  sums.set(key, (sums.get(key) ?? 0) + amount);
}

const within = (date: IsoDate, interval: Interval) => date >= interval.start && date < interval.end;

export async function readSpend(client: CostExplorerClient, plan: CostPlan): Promise<SpendReading> {
  const empty = {
    requests: 0,
    unit: 'USD',
    services: [],
    recordTypes: [],
    days: [],
    comparison: [],
    previousMonth: [],
  };
  if (!plan.query) {
    return { status: 'skipped', message: `no complete day of ${plan.monthName} yet`, ...empty };
  }
  const read = await costAndUsagePages(client, {
    TimePeriod: { Start: plan.query.start, End: plan.query.end },
    Granularity: 'DAILY',
    Metrics: [COST_METRIC],
    GroupBy: [
      { Type: 'DIMENSION', Key: 'SERVICE' },
      { Type: 'DIMENSION', Key: 'RECORD_TYPE' },
    ],
  });
  const { requests } = read;
  // No data for the account (Cost Explorer just enabled, or the month is older than it keeps): a report says so.
  if (read.noData) return { status: 'no-data', message: read.noData, ...empty, requests };
  const results = read.pages.flatMap((page) => page.ResultsByTime ?? []);
  return { ...summarize(results, plan), requests };
}

/** Merges the pages (one day's groups may continue on the next page) into the reading. */
export function summarize(results: ResultByTime[], plan: CostPlan): Omit<SpendReading, 'requests'> {
  const ledger = new Ledger();
  const perDay = new Map<IsoDate, { estimated: boolean; sums: Map<string, number> }>();
  const comparison = new Map<string, number>();
  const previousMonth = new Map<string, number>();
  const kept: Interval = { start: addDays(plan.period.start, -1), end: plan.period.end };
  const previous: Interval = { start: plan.comparison.start, end: plan.period.start };
  let unit = 'USD';
  let groups = 0;
  for (const result of results) {
    const date = result.TimePeriod?.Start ?? '';
    if (within(date, kept) && !perDay.has(date)) perDay.set(date, { estimated: false, sums: new Map() });
    const day = perDay.get(date);
    if (day && result.Estimated) day.estimated = true;
    for (const group of result.Groups ?? []) {
      const [service = 'Unknown', recordType = 'Usage'] = group.Keys ?? [];
      const metric = group.Metrics?.[COST_METRIC];
      const amount = Number(metric?.Amount ?? 0);
      if (!Number.isFinite(amount) || amount === 0) continue;
      unit = metric?.Unit ?? unit;
      groups += 1;
      if (day) add(day.sums, service, recordType, amount);
      if (within(date, plan.comparison)) add(comparison, service, recordType, amount);
      if (within(date, previous)) add(previousMonth, service, recordType, amount);
    }
  }
  const days = [...perDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, day]) => ({ date, estimated: day.estimated, amounts: ledger.encode(day.sums) }));
  return {
    status: groups === 0 ? 'no-data' : 'ok',
    ...(groups === 0
      ? {
          message: `Cost Explorer returned no cost from ${plan.query?.start} to ${plan.query?.end} (end exclusive): nothing was spent in ${plan.monthName} or the month before`,
        }
      : {}),
    unit,
    services: ledger.services,
    recordTypes: ledger.recordTypes,
    days,
    comparison: ledger.encode(comparison),
    previousMonth: ledger.encode(previousMonth),
  };
}
