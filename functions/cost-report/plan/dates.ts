// Calendar arithmetic on ISO dates ('YYYY-MM-DD'), the form Cost Explorer takes and returns. Dates are days, not
// instants: they are computed in UTC so no time zone or daylight-saving shift can move them.

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(date: IsoDate): Date {
  const match = ISO_DATE.exec(date);
  if (!match) throw new Error(`not an ISO date: ${date}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

const fromUtc = (date: Date): IsoDate => date.toISOString().slice(0, 10);

/** The calendar date of `instant` in `timeZone` (an IANA name). */
export function dateIn(instant: Date, timeZone: string): IsoDate {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const utc = toUtc(date);
  utc.setUTCDate(utc.getUTCDate() + days);
  return fromUtc(utc);
}

/** 'YYYY-MM' of a date. */
export const monthOf = (date: IsoDate): string => date.slice(0, 7);

export const monthStart = (month: string): IsoDate => `${month}-01`;

export function addMonths(month: string, months: number): string {
  const utc = toUtc(monthStart(month));
  utc.setUTCMonth(utc.getUTCMonth() + months);
  return fromUtc(utc).slice(0, 7);
}

/** Days from `start` (inclusive) to `end` (exclusive); 0 when end <= start. */
export function daysBetween(start: IsoDate, end: IsoDate): number {
  return Math.max(0, Math.round((toUtc(end).getTime() - toUtc(start).getTime()) / 86_400_000));
}

/** Every date from `start` (inclusive) to `end` (exclusive). */
export function datesIn(start: IsoDate, end: IsoDate): IsoDate[] {
  return Array.from({ length: daysBetween(start, end) }, (_, index) => addDays(start, index));
}

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/** 'March 2025'. */
export function monthName(month: string): string {
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    toUtc(monthStart(month)),
  );
}
