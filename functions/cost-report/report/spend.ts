// Decodes the spend reading (index-encoded amounts) into per-day and per-service charges. Charges are every record
// type except credits and refunds, which are kept apart so they are shown, never netted silently.

import { datesIn, type IsoDate } from '../plan/dates.ts';
import type { CostPlan } from '../plan/plan.ts';
import { ADJUSTMENT_RECORD_TYPES } from '../usage/cost-explorer.ts';
import type { Amount, SpendReading } from '../usage/read.ts';

export interface DayRow {
  date: IsoDate;
  provisional: boolean;
  estimated: boolean;
  /** Charges (every record type but credits and refunds) per service. */
  byService: Record<string, number>;
  spend: number;
  credits: number;
  refunds: number;
  net: number;
}

export const sumOf = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Amounts in the report are shown to the cent (the CSV keeps Cost Explorer's precision). */
export const cents = (value: number) => Math.round(value * 100) / 100;

export function chargesByService(spend: SpendReading, amounts: Amount[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [service, recordType, amount] of amounts) {
    if (ADJUSTMENT_RECORD_TYPES.includes(spend.recordTypes[recordType])) continue;
    const name = spend.services[service];
    result[name] = (result[name] ?? 0) + amount;
  }
  return Object.fromEntries(Object.entries(result).map(([name, amount]) => [name, cents(amount)]));
}

function ofRecordType(spend: SpendReading, amounts: Amount[], recordType: string): number {
  return cents(
    sumOf(amounts.filter(([, type]) => spend.recordTypes[type] === recordType).map(([, , amount]) => amount)),
  );
}

/** One row per reported day, days without data included (as zero). */
export function dayRows(plan: CostPlan, spend: SpendReading | undefined): DayRow[] {
  const known = new Map((spend?.days ?? []).map((day) => [day.date, day]));
  return datesIn(plan.period.start, plan.period.end).map((date) => {
    const day = known.get(date);
    const byService = spend && day ? chargesByService(spend, day.amounts) : {};
    const credits = spend && day ? ofRecordType(spend, day.amounts, 'Credit') : 0;
    const refunds = spend && day ? ofRecordType(spend, day.amounts, 'Refund') : 0;
    const total = sumOf(Object.values(byService));
    return {
      date,
      provisional: date >= plan.provisionalFrom,
      estimated: day?.estimated ?? false,
      byService,
      spend: cents(total),
      credits,
      refunds,
      net: cents(total + credits + refunds),
    };
  });
}

export function sumServices(rows: Record<string, number>[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const row of rows) {
    for (const [service, amount] of Object.entries(row)) result[service] = (result[service] ?? 0) + amount;
  }
  return Object.fromEntries(Object.entries(result).map(([service, amount]) => [service, cents(amount)]));
}

/** Every record type's total over the reported days (Usage, Tax, Credit, Refund, fees): nothing netted unseen. */
export function recordTypeTotals(spend: SpendReading, plan: CostPlan): { recordType: string; amount: number }[] {
  const totals = new Map<string, number>();
  for (const day of spend.days) {
    if (day.date < plan.period.start) continue;
    for (const [, type, amount] of day.amounts) {
      const recordType = spend.recordTypes[type];
      totals.set(recordType, (totals.get(recordType) ?? 0) + amount);
    }
  }
  return [...totals]
    .map(([recordType, amount]) => ({ recordType, amount: cents(amount) }))
    .filter((row) => Math.abs(row.amount) >= 0.005)
    .sort((a, b) => b.amount - a.amount);
}

/**
 * Services with spend in the period and none on the same days of the month before nor on the day before the
 * period: with the first day they were charged (after the period's first day: they appeared mid-month).
 */
export function newServices(
  plan: CostPlan,
  days: DayRow[],
  perService: Record<string, number>,
  comparison: Record<string, number>,
  dayBefore: Record<string, number>,
): { service: string; since: IsoDate }[] {
  return Object.keys(perService)
    .filter((service) => perService[service] > 0 && !comparison[service] && !dayBefore[service])
    .map((service) => ({ service, since: days.find((day) => day.byService[service])?.date ?? plan.period.start }))
    .sort((a, b) => a.since.localeCompare(b.since) || a.service.localeCompare(b.service));
}

export interface SpendLine {
  date: IsoDate;
  service: string;
  recordType: string;
  amount: number;
  estimated: boolean;
}

/** The reported days' amounts as flat lines (the CSV), oldest first. */
export function spendLines(plan: CostPlan, spend: SpendReading | undefined): SpendLine[] {
  return (spend?.days ?? [])
    .filter((day) => day.date >= plan.period.start && day.date < plan.period.end)
    .flatMap((day) =>
      day.amounts.map(([service, recordType, amount]) => ({
        date: day.date,
        service: spend!.services[service],
        recordType: spend!.recordTypes[recordType],
        amount,
        estimated: day.estimated,
      })),
    )
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) || a.service.localeCompare(b.service) || a.recordType.localeCompare(b.recordType),
    );
}
