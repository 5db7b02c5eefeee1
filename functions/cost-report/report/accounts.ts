// Spend per linked account in the report: each account's spend over the reported days and its share, its last day
// against the day before, and, when spend rose day over day and more than half of the rise came from one account,
// that account named (the spike's origin). Pure; the HTML section escapes every name (they come from AWS or config).

import { escapeHtml } from '../../shared/reports/html.ts';
import type { AccountSpendReading } from '../accounts/accounts.ts';
import type { CostPlan } from '../plan/plan.ts';
import { percent, signedUsd, usd } from './format.ts';
import type { Mover } from './movers.ts';

/** One row of the accounts table (`id` empty for the row summing the accounts not listed one by one). */
export interface AccountRow {
  id: string;
  name: string;
  spend: number;
  /** Of the spend of every account together, 0..1. */
  share: number;
  lastDay: number;
  dayBefore: number;
  change: number;
}

/** What the report says about accounts (absent when the stage has none besides home). */
export interface AccountsAnalysis {
  status: 'ok' | 'no-data' | 'error';
  message?: string;
  unit: string;
  lastDate?: string;
  previousDate?: string;
  /** Largest spend first; the accounts beyond the listed ones summed in a last row. */
  rows: AccountRow[];
  total: { spend: number; lastDay: number; dayBefore: number; change: number };
  /** The account more than half of a day-over-day rise came from, with the service that rose most that day. */
  spike: { id: string; name: string; change: number; totalChange: number; service?: string } | null;
}

/** A rise smaller than this share of the day before (or than 1 USD) is ordinary movement, not a spike. */
export const SPIKE_MIN_RISE = 0.1;

const cents = (value: number) => Math.round(value * 100) / 100;
const share = (value: number) => (value > 0 && value < 0.005 ? 'under 1%' : `${(value * 100).toFixed(0)}%`);
const sum = (values: number[]) => cents(values.reduce((total, value) => total + value, 0));

/** "staging (210987654321)"; an account without a name of its own is shown by its id. */
export const accountLabel = (row: { id: string; name: string }) =>
  !row.id ? row.name : row.name && row.name !== row.id ? `${row.name} (${row.id})` : row.id;

function rowsOf(reading: AccountSpendReading): AccountRow[] {
  const rows = reading.accounts.map((account) => ({ ...account }));
  if (reading.others) rows.push({ id: '', name: `${reading.others.count} other accounts`, ...reading.others });
  const total = sum(rows.map((row) => row.spend));
  return rows.map((row) => ({
    ...row,
    share: total ? Math.round((row.spend / total) * 10_000) / 10_000 : 0,
    change: cents(row.lastDay - row.dayBefore),
  }));
}

function spikeOf(rows: AccountRow[], total: AccountsAnalysis['total'], dayMover?: Mover): AccountsAnalysis['spike'] {
  const rise = total.change;
  if (rise < Math.max(1, total.dayBefore * SPIKE_MIN_RISE)) return null;
  const leader = rows.filter((row) => row.id).sort((a, b) => b.change - a.change)[0];
  if (!leader || leader.change <= rise / 2) return null;
  const service = dayMover && dayMover.change > 0 ? dayMover.service : undefined;
  return {
    id: leader.id,
    name: leader.name,
    change: leader.change,
    totalChange: rise,
    ...(service ? { service } : {}),
  };
}

/**
 * The accounts part of the analysis from the accounts reading (undefined or skipped: none), the caught error of
 * its step (`failure`: the report says it is unknown) and the day's top service mover (names the spike's service).
 */
export function analyzeAccounts(
  reading: AccountSpendReading | undefined,
  failure: string | undefined,
  dayMover: Mover | undefined,
): AccountsAnalysis | undefined {
  if (failure !== undefined) {
    return { status: 'error', message: failure, unit: 'USD', rows: [], total: zero(), spike: null };
  }
  if (!reading || reading.status === 'skipped') return undefined;
  const rows = rowsOf(reading);
  const total = {
    spend: sum(rows.map((row) => row.spend)),
    lastDay: sum(rows.map((row) => row.lastDay)),
    dayBefore: sum(rows.map((row) => row.dayBefore)),
    change: sum(rows.map((row) => row.change)),
  };
  return {
    status: reading.status,
    ...(reading.message ? { message: reading.message } : {}),
    unit: reading.unit,
    lastDate: reading.lastDate,
    previousDate: reading.previousDate,
    rows,
    total,
    spike: spikeOf(rows, total, dayMover),
  };
}

const zero = () => ({ spend: 0, lastDay: 0, dayBefore: 0, change: 0 });

/** The sentence naming the account a day-over-day spike came from; undefined when there was no such spike. */
export function spikeSentence(accounts: AccountsAnalysis | undefined): string | undefined {
  if (!accounts?.spike) return undefined;
  const { spike, unit, lastDate, previousDate, total } = accounts;
  const rise = total.dayBefore ? `, ${percent(spike.totalChange / total.dayBefore)}` : '';
  return `${spike.service ?? 'Spend'} spike on ${lastDate}: most of the day-over-day increase (${signedUsd(spike.totalChange, unit)}${rise} against ${previousDate}) came from ${accountLabel(spike)}, ${signedUsd(spike.change, unit)}.`;
}

/** The sentences the report's notes carry about accounts (the spike first: it is what a reader needs). */
export function accountNotes(accounts: AccountsAnalysis | undefined): string[] {
  if (accounts?.status === 'no-data') return [`No spend by account: ${accounts.message}.`];
  const spike = spikeSentence(accounts);
  return spike ? [spike] : [];
}

/** The notice's lines about accounts: the largest spenders with their share, and the account that moved most. */
export function accountFacts(accounts: AccountsAnalysis | undefined): Record<string, string> {
  if (!accounts || accounts.status === 'no-data') return {};
  if (accounts.status === 'error') return { 'Spend by account': `unknown (${accounts.message})` };
  const { rows, unit, lastDate } = accounts;
  const top = rows.slice(0, 3).map((row) => `${accountLabel(row)} ${usd(row.spend, unit)} (${share(row.share)})`);
  const more = rows.length > 3 ? [`${rows.length - 3} more in the report`] : [];
  const facts: Record<string, string> = { 'Spend by account': [...top, ...more].join('; ') };
  const mover = rows.filter((row) => row.id).sort((a, b) => Math.abs(b.change) - Math.abs(a.change))[0];
  if (mover && Math.abs(mover.change) >= 0.01) {
    facts[`Top account mover ${lastDate} vs day before`] = `${accountLabel(mover)} ${signedUsd(mover.change, unit)}`;
  }
  return facts;
}

const e = escapeHtml;
const num = (value: string) => `<td class="num">${e(value)}</td>`;

/** The HTML section (empty when the report says nothing about accounts). */
export function accountsSection(accounts: AccountsAnalysis | undefined, plan: CostPlan): string {
  if (!accounts) return '';
  const title = '<h2>Spend by account</h2>';
  if (accounts.status !== 'ok') {
    return `${title}<p class="empty">${e(accounts.status === 'error' ? `Unknown: ${accounts.message}` : (accounts.message ?? 'No spend.'))}</p>`;
  }
  const { rows, unit, lastDate = '', previousDate = '', total } = accounts;
  const labels = [
    'Account',
    `Spend ${plan.complete ? 'in' : 'to date in'} ${plan.monthName}`,
    'Share',
    previousDate,
    lastDate,
    'Day over day',
  ];
  const head = `<tr>${labels.map((label, index) => `<th${index ? ' class="num"' : ''}>${e(label)}</th>`).join('')}</tr>`;
  const line = (label: string, row: Omit<AccountRow, 'id' | 'name'>, strong = false) =>
    `<tr${strong ? ' class="bad"' : ''}><td>${e(label)}</td>${num(usd(row.spend, unit))}${num(`${(row.share * 100).toFixed(1)}%`)}${num(usd(row.dayBefore, unit))}${num(usd(row.lastDay, unit))}${num(signedUsd(row.change, unit))}</tr>`;
  const body = rows.map((row) => line(accountLabel(row), row, Boolean(row.id) && row.id === accounts.spike?.id));
  body.push(line('All accounts', { ...total, share: total.spend ? 1 : 0 }));
  return `${title}<table>${head}${body.join('\n')}</table>`;
}
