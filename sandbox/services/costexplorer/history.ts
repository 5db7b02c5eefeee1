// What the three Cost Explorer operations share: the daily cost history (state.global.costExplorer), its dates
// (Cost Explorer works in UTC days, End exclusive), the Expression filter, amounts as Cost Explorer prints them,
// and pagination tokens that remember the request they belong to. Consolidated billing: the home account is the
// organization's management account, so its history holds every linked account's costs (each record names its
// `account`); a member account's Cost Explorer sees its own costs only.
import { createHash } from 'node:crypto';
import type { Expression } from '@aws-sdk/client-cost-explorer';
import { awsError, NotImplementedInSandbox } from '../../errors.ts';
import type { CostRec } from '../../state.ts';
import type { HandlerContext } from '../types.ts';

export const DAY_MS = 86_400_000;

/** Cost Explorer keeps 13 months and the current month (38 with multi-year data, not modelled). */
export const RETAINED_MONTHS = 14;

export const NO_DATA_MESSAGE =
  'Data is not available. Please try to adjust the time period. If just enabled Cost Explorer, data might not be ingested yet';

export const validation = (message: string) => awsError('ValidationException', message);

/** The account a record's cost belongs to (LINKED_ACCOUNT): its own, or the account whose history holds it. */
export const linkedAccountOf = (rec: CostRec, ctx: HandlerContext): string => rec.account ?? ctx.accountId;

/**
 * The records the calling account's Cost Explorer sees: the home (management) account every record of its history,
 * linked accounts included; a member account the records of its own history and, when it belongs to the
 * organization the home account manages, its own records of the management account's history.
 */
export function history(ctx: HandlerContext): CostRec[] {
  const own = ctx.state.global.costExplorer?.daily ?? [];
  const home = ctx.account.state;
  if (ctx.accountId === home.accountId) return own;
  const mine = own.filter((rec) => linkedAccountOf(rec, ctx) === ctx.accountId);
  const linked = home.organization?.accounts.some((account) => account.Id === ctx.accountId);
  if (!linked) return mine;
  return [...mine, ...(home.global.costExplorer?.daily ?? []).filter((rec) => rec.account === ctx.accountId)];
}

/** An account's name as the organization knows it (Cost Explorer's LINKED_ACCOUNT description), if it does. */
export function accountNameOf(ctx: HandlerContext, accountId: string): string | undefined {
  return ctx.account.state.organization?.accounts.find((account) => account.Id === accountId)?.Name;
}

export function currency(ctx: HandlerContext): string {
  return ctx.state.global.costExplorer?.currency ?? 'USD';
}

/** Today in UTC, the day Cost Explorer lives in. */
export const utcToday = (ctx: HandlerContext): string => ctx.now().toISOString().slice(0, 10);

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A 'YYYY-MM-DD' date (what DAILY and MONTHLY take); anything else is a ValidationException. */
export function requireDay(value: string | undefined, field: string): string {
  if (!value || !DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw validation(`${field}: '${value ?? ''}' is not a valid date (expected YYYY-MM-DD)`);
  }
  return value;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function monthStart(date: string, monthsLater = 0): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + monthsLater);
  return d.toISOString().slice(0, 10);
}

/** The bill of a month is final a few days into the next: until then its amounts are Estimated. */
export function isEstimated(ctx: HandlerContext, periodStart: string): boolean {
  const today = utcToday(ctx);
  const finalFrom = Number(today.slice(8)) <= 3 ? monthStart(today, -1) : monthStart(today);
  return periodStart >= finalFrom;
}

/** Amounts as Cost Explorer prints them: a decimal string with up to 10 fractional digits. */
export function amount(value: number): string {
  return String(Number(value.toFixed(10)));
}

const DIMENSIONS: Record<string, (rec: CostRec, ctx: HandlerContext) => string> = {
  SERVICE: (rec) => rec.service,
  RECORD_TYPE: (rec) => rec.recordType,
  LINKED_ACCOUNT: linkedAccountOf,
};

/** The value of a dimension for a record; a dimension the sandbox does not model fails loudly. */
export function dimension(rec: CostRec, key: string | undefined, ctx: HandlerContext): string {
  const read = DIMENSIONS[key ?? ''];
  if (!read) throw new NotImplementedInSandbox('CostExplorer', ctx.operation, `dimension ${key}`);
  return read(rec, ctx);
}

/** Cost Explorer's filter Expression: exactly one of And, Or, Not, Dimensions (Tags, CostCategories not modelled). */
export function matches(rec: CostRec, expression: Expression | undefined, ctx: HandlerContext): boolean {
  if (!expression) return true;
  const present = (['And', 'Or', 'Not', 'Dimensions', 'Tags', 'CostCategories'] as const).filter(
    (key) => expression[key] !== undefined,
  );
  if (present.length !== 1) {
    throw validation(
      'Expression must have exactly one of the following: And, Or, Not, Dimensions, Tags, CostCategories',
    );
  }
  if (expression.And) {
    if (expression.And.length < 2) throw validation('And expression must have at least 2 operands');
    return expression.And.every((child) => matches(rec, child, ctx));
  }
  if (expression.Or) {
    if (expression.Or.length < 2) throw validation('Or expression must have at least 2 operands');
    return expression.Or.some((child) => matches(rec, child, ctx));
  }
  if (expression.Not) return !matches(rec, expression.Not, ctx);
  if (expression.Dimensions) {
    const { Key, Values = [], MatchOptions = ['EQUALS'] } = expression.Dimensions;
    if (!Values.length) throw validation('Dimensions Values must not be empty');
    const value = dimension(rec, Key, ctx);
    const caseSensitive = MatchOptions.includes('CASE_SENSITIVE');
    return Values.some((wanted) => (caseSensitive ? wanted === value : wanted.toLowerCase() === value.toLowerCase()));
  }
  throw new NotImplementedInSandbox('CostExplorer', ctx.operation, 'Tags and CostCategories filters');
}

/** A pagination token: the next offset and a digest of the request, so a changed request is detected. */
export function encodeToken(offset: number, request: unknown): string {
  return Buffer.from(JSON.stringify({ offset, digest: digest(request) })).toString('base64url');
}

export function decodeToken(token: string | undefined, request: unknown): number {
  if (token === undefined) return 0;
  let parsed: { offset?: unknown; digest?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw awsError('InvalidNextTokenException', 'The pagination token is invalid.');
  }
  if (typeof parsed?.offset !== 'number')
    throw awsError('InvalidNextTokenException', 'The pagination token is invalid.');
  if (parsed.digest !== digest(request)) {
    throw awsError(
      'RequestChangedException',
      'Your request parameters changed between pages. Submit your request again.',
    );
  }
  return parsed.offset;
}

function digest(request: unknown): string {
  const { NextPageToken: _token, ...rest } = (request ?? {}) as Record<string, unknown>;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 16);
}
