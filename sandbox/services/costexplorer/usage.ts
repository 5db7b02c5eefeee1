// GetCostAndUsage over the daily history, as Cost Explorer answers it: End exclusive (Start must be before End, the
// runbook's 1st-of-the-month bug), End at most the first day of next month, DAILY or MONTHLY periods, up to two
// GroupBy dimensions (Groups, and an empty Total) or none (Total per metric), Estimated while the month's bill is
// not final, and pages of at most GROUPS_PER_PAGE groups: a period's groups may continue on the next page. Grouped
// by LINKED_ACCOUNT, each page's DimensionValueAttributes give the name (`description`) of every account it shows.
import type {
  DimensionValuesWithAttributes,
  GetCostAndUsageRequest,
  Group,
  GroupDefinition,
  ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import { awsError, NotImplementedInSandbox } from '../../errors.ts';
import type { CostRec } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import {
  accountNameOf,
  addDays,
  amount,
  currency,
  decodeToken,
  dimension,
  encodeToken,
  history,
  isEstimated,
  matches,
  monthStart,
  NO_DATA_MESSAGE,
  RETAINED_MONTHS,
  requireDay,
  utcToday,
  validation,
} from './history.ts';

/** Groups per page (Cost Explorer does not document its page size; small enough that real queries paginate). */
export const GROUPS_PER_PAGE = 500;

const COST_METRICS = ['AmortizedCost', 'BlendedCost', 'NetAmortizedCost', 'NetUnblendedCost', 'UnblendedCost'];
const USAGE_METRICS = ['UsageQuantity', 'NormalizedUsageAmount'];

function checkGroupBy(groupBy: GroupDefinition[] | undefined, ctx: HandlerContext): GroupDefinition[] {
  const groups = groupBy ?? [];
  if (groups.length > 2) throw validation('You can only group by up to two dimensions, tags or cost categories');
  for (const group of groups) {
    if (!['DIMENSION', 'TAG', 'COST_CATEGORY'].includes(group.Type ?? '')) {
      throw validation(`Invalid GroupBy type: ${group.Type} (valid: DIMENSION, TAG, COST_CATEGORY)`);
    }
    if (group.Type !== 'DIMENSION')
      throw new NotImplementedInSandbox('CostExplorer', ctx.operation, `GroupBy ${group.Type}`);
  }
  const keys = groups.map((group) => group.Key);
  if (new Set(keys).size !== keys.length) throw validation(`Duplicate GroupBy key: ${keys.join(', ')}`);
  return groups;
}

function periodsOf(start: string, end: string, granularity: string): { Start: string; End: string }[] {
  const periods: { Start: string; End: string }[] = [];
  for (let day = start; day < end; ) {
    const next = granularity === 'DAILY' ? addDays(day, 1) : monthStart(day, 1);
    periods.push({ Start: day, End: next < end ? next : end });
    day = next;
  }
  return periods;
}

function metricValues(metrics: string[], total: number, unit: string) {
  return Object.fromEntries(metrics.map((metric) => [metric, { Amount: amount(total), Unit: unit }]));
}

function resultsOf(ctx: HandlerContext, input: GetCostAndUsageRequest, start: string, end: string): ResultByTime[] {
  const metrics = input.Metrics ?? [];
  const groupBy = checkGroupBy(input.GroupBy, ctx);
  const unit = currency(ctx);
  const records = history(ctx).filter((rec) => rec.date >= start && rec.date < end && matches(rec, input.Filter, ctx));
  return periodsOf(start, end, input.Granularity!).map((period) => {
    const inPeriod = records.filter((rec) => rec.date >= period.Start && rec.date < period.End);
    const estimated = isEstimated(ctx, period.Start);
    if (!groupBy.length) {
      const total = inPeriod.reduce((sum, rec) => sum + rec.amount, 0);
      return { TimePeriod: period, Total: metricValues(metrics, total, unit), Groups: [], Estimated: estimated };
    }
    const sums = new Map<string, { keys: string[]; total: number }>();
    for (const rec of inPeriod) {
      const keys = groupBy.map((group) => dimension(rec as CostRec, group.Key, ctx));
      const id = JSON.stringify(keys);
      const entry = sums.get(id) ?? { keys, total: 0 };
      entry.total += rec.amount;
      sums.set(id, entry);
    }
    const groups: Group[] = [...sums.values()]
      .sort((a, b) => a.keys.join('\u0000').localeCompare(b.keys.join('\u0000')))
      .map((entry) => ({ Keys: entry.keys, Metrics: metricValues(metrics, entry.total, unit) }));
    return { TimePeriod: period, Total: {}, Groups: groups, Estimated: estimated };
  });
}

/** Splits the results into pages of at most GROUPS_PER_PAGE groups (a period with no group still takes a slot). */
function page(results: ResultByTime[], offset: number): { results: ResultByTime[]; next?: number } {
  const slots = results.flatMap((result, index): { index: number; group?: Group }[] =>
    result.Groups?.length ? result.Groups.map((group) => ({ index, group })) : [{ index }],
  );
  const slice = slots.slice(offset, offset + GROUPS_PER_PAGE);
  const out: ResultByTime[] = [];
  for (const { index, group } of slice) {
    let last = out.at(-1);
    if (!last || last.TimePeriod?.Start !== results[index].TimePeriod?.Start) {
      last = { ...results[index], Groups: [] };
      out.push(last);
    }
    if (group) last.Groups!.push(group);
  }
  const next = offset + GROUPS_PER_PAGE < slots.length ? offset + GROUPS_PER_PAGE : undefined;
  return { results: out, next };
}

/** The names of the linked accounts a page's groups show (an account the organization does not name has none). */
function accountAttributes(
  ctx: HandlerContext,
  groupBy: GroupDefinition[] | undefined,
  results: ResultByTime[],
): DimensionValuesWithAttributes[] {
  const position = (groupBy ?? []).findIndex((group) => group.Type === 'DIMENSION' && group.Key === 'LINKED_ACCOUNT');
  if (position < 0) return [];
  const ids = new Set(results.flatMap((result) => (result.Groups ?? []).map((group) => group.Keys?.[position] ?? '')));
  return [...ids].sort().flatMap((id) => {
    const name = accountNameOf(ctx, id);
    return name ? [{ Value: id, Attributes: { description: name } }] : [];
  });
}

function getCostAndUsage(ctx: HandlerContext, input: GetCostAndUsageRequest) {
  const start = requireDay(input.TimePeriod?.Start, 'TimePeriod.Start');
  const end = requireDay(input.TimePeriod?.End, 'TimePeriod.End');
  if (start >= end) throw validation('Start date (and hour) should be before end date (and hour)');
  const today = utcToday(ctx);
  if (end > monthStart(today, 1)) throw validation('end date past the beginning of next month');
  if (!['DAILY', 'MONTHLY', 'HOURLY'].includes(input.Granularity ?? '')) {
    throw validation(`Granularity must be one of DAILY, MONTHLY, HOURLY (got ${input.Granularity})`);
  }
  if (input.Granularity === 'HOURLY') throw validation('Hourly granularity is not enabled for this account');
  const metrics = input.Metrics ?? [];
  if (!metrics.length) throw validation('Metrics must not be empty');
  for (const metric of metrics) {
    if (USAGE_METRICS.includes(metric))
      throw new NotImplementedInSandbox('CostExplorer', ctx.operation, `metric ${metric}`);
    if (!COST_METRICS.includes(metric)) throw validation(`Invalid metric: ${metric}`);
  }
  if (!history(ctx).length || start < monthStart(today, 1 - RETAINED_MONTHS)) {
    throw awsError('DataUnavailableException', NO_DATA_MESSAGE);
  }
  const offset = decodeToken(input.NextPageToken, input);
  const { results, next } = page(resultsOf(ctx, input, start, end), offset);
  return {
    ResultsByTime: results,
    GroupDefinitions: input.GroupBy,
    DimensionValueAttributes: accountAttributes(ctx, input.GroupBy, results),
    NextPageToken: next === undefined ? undefined : encodeToken(next, input),
  };
}

export const usageHandlers: Handlers = { GetCostAndUsage: getCostAndUsage };
