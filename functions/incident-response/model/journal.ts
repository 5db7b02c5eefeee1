// Autopilot's own recent changes, from the audit trail: a rule on the audit trail ("Autopilot Action" events with
// outcome done, from every playbook but this one) starts incident-response, which journals the record under
// work/incident-response/changes/<YYYY-MM-DD>/<time>-<event id>.json (expires with work/). The assessment lists
// the journal of the last hours: a traffic shift, a containment or a cleanup deletion just before an alarm is a
// suspect.
import { WORK_PREFIX } from './record.ts';

export const CHANGES_PREFIX = `${WORK_PREFIX}changes/`;

/** The journal key of one audit record: sortable by time, unique by event id (a redelivery writes nothing). */
export function changeKey(time: string, eventId: string): string {
  const at = new Date(time).toISOString();
  return `${CHANGES_PREFIX}${at.slice(0, 10)}/${at.replace(/[:.]/g, '-')}-${eventId.replace(/[^\w-]/g, '_')}.json`;
}

/** Days listed at most (a replay of an old alarm event looks no further back than this from now). */
const MAX_DAYS = 8;

/** The day prefixes from `since` to `until` (at most the last MAX_DAYS), oldest first. */
export function changeDayPrefixes(since: Date, until: Date): string[] {
  const first = Math.max(since.getTime(), until.getTime() - (MAX_DAYS - 1) * 86_400_000);
  const days: string[] = [];
  for (let t = Date.UTC(...ymd(new Date(first))); t <= until.getTime(); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days.map((day) => `${CHANGES_PREFIX}${day}/`);
}

const ymd = (at: Date): [number, number, number] => [at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()];

/** One change as the assessment shows it. */
export interface RecentChange {
  time: string;
  playbook: string;
  action: string;
  resource: string;
  region: string;
}
