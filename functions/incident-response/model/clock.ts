// Times on an incident. Every line of a timeline is stamped no earlier than the line before it: record updates are
// serialized by conditional writes, so the timeline reads in the order things were written even when two Lambda
// clocks differ. A follow-up check acts as of its due time at the earliest: in AWS the Wait state already ended
// at that time (now >= due), and a rehearsal that skips waits sees the same sequence of updates and escalations.

/** The later of the ISO times given (undefined ignored). */
export function latest(...times: (string | Date | undefined)[]): string {
  const values = times.filter((time) => time !== undefined).map((time) => new Date(time as string | Date).getTime());
  return new Date(Math.max(...values)).toISOString();
}

/** `iso` plus `minutes`. */
export const plusMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** The calendar day of `at` in `timeZone` as YYYYMMDD (the incident number's day). */
export function dayIn(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}${parts.month}${parts.day}`;
}

/** "25 min", "1 h 5 min", "2 d 3 h". */
export function formatDuration(fromIso: string, toIso: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days ? `${days} d` : '', hours ? `${hours} h` : '', rest || (!days && !hours) ? `${rest} min` : '']
    .filter(Boolean)
    .join(' ');
}

/** "2026-11-26 08:35 UTC". */
export const utcMinute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** +0000 -> +00:00, so every runtime parses CloudWatch's timestamps (2019-10-01T13:56:40.987+0000). */
export function isoOf(text: string): string {
  return new Date(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString();
}
