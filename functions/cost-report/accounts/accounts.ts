// Spend per linked account: one more GetCostAndUsage (paginated) in the account the report reads, DAILY over the
// reported days plus the day before them, grouped by LINKED_ACCOUNT, charges only (credits and refunds filtered
// out, as the forecast does). Names come from the response's DimensionValueAttributes (the account's name as
// Organizations knows it), else from the stage config. Only asked when the stage has other accounts than home.
import type { CostExplorerClient, ResultByTime } from '@aws-sdk/client-cost-explorer';
import type { Accounts } from '../../shared/accounts/config.ts';
import { addDays, type IsoDate } from '../plan/dates.ts';
import type { CostPlan } from '../plan/plan.ts';
import { ADJUSTMENT_RECORD_TYPES } from '../usage/cost-explorer.ts';
import { costAndUsagePages } from '../usage/pages.ts';
import { COST_METRIC } from '../usage/read.ts';

/** Accounts listed one by one (largest spend first); the rest are summed into `others` (the state stays small). */
export const MAX_LISTED_ACCOUNTS = 100;

/** One linked account's charges (credits and refunds excluded), in the reading's unit. */
export interface AccountSpend {
  id: string;
  name: string;
  /** Over the reported days (the month to date, or the whole month). */
  spend: number;
  /** On the last reported day, and on the day before it. */
  lastDay: number;
  dayBefore: number;
}

/** What the accounts step hands the report step. */
export interface AccountSpendReading {
  status: 'ok' | 'no-data' | 'skipped';
  /** Why there is nothing to show (no-data, skipped). */
  message?: string;
  /** Cost Explorer requests made (each is billed 0.01 USD). */
  requests: number;
  unit: string;
  /** The last reported day and the day before it (the day-over-day comparison). */
  lastDate?: IsoDate;
  previousDate?: IsoDate;
  /** Largest spend first, at most MAX_LISTED_ACCOUNTS. */
  accounts: AccountSpend[];
  /** The accounts beyond those, summed. */
  others?: { count: number; spend: number; lastDay: number; dayBefore: number };
}

/** Whether the stage has accounts besides home: members, an organization, or a management account elsewhere. */
export function hasOtherAccounts(accounts: Accounts, homeAccountId: string): boolean {
  return (
    accounts.members.length > 0 ||
    accounts.organization !== undefined ||
    (accounts.managementAccountId !== undefined && accounts.managementAccountId !== homeAccountId)
  );
}

/** The names the stage config gives accounts (the fallback when Cost Explorer names none): members, and home. */
export function configuredNames(accounts: Accounts, homeAccountId: string): Record<string, string> {
  const names: Record<string, string> = { [homeAccountId]: 'home' };
  for (const member of accounts.members) if (member.name) names[member.id] = member.name;
  return names;
}

/** The reading of a stage without other accounts: no request, and the report says nothing about accounts. */
export const singleAccount = (): AccountSpendReading => ({
  status: 'skipped',
  message: 'the stage has no other account',
  requests: 0,
  unit: 'USD',
  accounts: [],
});

const cents = (value: number) => Math.round(value * 100) / 100;

/**
 * Reads spend per linked account for the plan's period. One paginated GetCostAndUsage (no request when the period
 * has no complete day); DataUnavailableException gives a 'no-data' reading; any other Cost Explorer error is thrown
 * (the state machine retries, then the report notes it).
 */
export async function readAccountSpend(
  client: CostExplorerClient,
  plan: CostPlan,
  names: Record<string, string>,
): Promise<AccountSpendReading> {
  const empty = { unit: 'USD', accounts: [] };
  if (!plan.query) {
    return { status: 'skipped', message: `no complete day of ${plan.monthName} yet`, requests: 0, ...empty };
  }
  const start = addDays(plan.period.start, -1);
  const read = await costAndUsagePages(client, {
    TimePeriod: { Start: start, End: plan.period.end },
    Granularity: 'DAILY',
    Metrics: [COST_METRIC],
    GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
    Filter: { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ADJUSTMENT_RECORD_TYPES } } },
  });
  const { requests } = read;
  if (read.noData) return { status: 'no-data', message: read.noData, requests, ...empty };
  const results = read.pages.flatMap((page) => page.ResultsByTime ?? []);
  const described: Record<string, string> = {};
  for (const attribute of read.pages.flatMap((page) => page.DimensionValueAttributes ?? [])) {
    const description = attribute.Attributes?.description;
    if (attribute.Value && description) described[attribute.Value] = description;
  }
  return { ...summarizeAccounts(results, plan, { ...names, ...described }), requests };
}

/** Merges the pages (a day's groups may continue on the next page) into per-account sums, largest spend first. */
export function summarizeAccounts(
  results: ResultByTime[],
  plan: CostPlan,
  names: Record<string, string>,
): Omit<AccountSpendReading, 'requests'> {
  const lastDate = addDays(plan.period.end, -1);
  const previousDate = addDays(plan.period.end, -2);
  const sums = new Map<string, { spend: number; lastDay: number; dayBefore: number }>();
  let unit = 'USD';
  for (const result of results) {
    const date = result.TimePeriod?.Start ?? '';
    for (const group of result.Groups ?? []) {
      const id = group.Keys?.[0] ?? 'unknown';
      const metric = group.Metrics?.[COST_METRIC];
      const amount = Number(metric?.Amount ?? 0);
      if (!Number.isFinite(amount) || amount === 0) continue;
      unit = metric?.Unit ?? unit;
      const sum = sums.get(id) ?? { spend: 0, lastDay: 0, dayBefore: 0 };
      if (date >= plan.period.start && date < plan.period.end) sum.spend += amount;
      if (date === lastDate) sum.lastDay += amount;
      if (date === previousDate) sum.dayBefore += amount;
      sums.set(id, sum);
    }
  }
  const all = [...sums.entries()]
    .map(([id, sum]) => ({
      id,
      name: names[id] ?? id,
      spend: cents(sum.spend),
      lastDay: cents(sum.lastDay),
      dayBefore: cents(sum.dayBefore),
    }))
    .sort((a, b) => b.spend - a.spend || a.id.localeCompare(b.id));
  const rest = all.slice(MAX_LISTED_ACCOUNTS);
  const total = (pick: (account: AccountSpend) => number) => cents(rest.reduce((sum, row) => sum + pick(row), 0));
  return {
    status: all.length ? 'ok' : 'no-data',
    ...(all.length
      ? {}
      : { message: `Cost Explorer returned no charge per account from ${plan.period.start} to ${plan.period.end}` }),
    unit,
    lastDate,
    previousDate,
    accounts: all.slice(0, MAX_LISTED_ACCOUNTS),
    ...(rest.length
      ? {
          others: {
            count: rest.length,
            spend: total((row) => row.spend),
            lastDay: total((row) => row.lastDay),
            dayBefore: total((row) => row.dayBefore),
          },
        }
      : {}),
  };
}
