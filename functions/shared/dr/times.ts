// Times a disaster-recovery request may name: an ISO 8601 timestamp, or "<n> minutes|hours|days ago" counted back
// from when the execution started (what an operator knows in an incident: "before the bad deploy, 2 hours ago").
// The report always states the absolute time it resolved to.

const RELATIVE = /^(\d+(?:\.\d+)?)\s+(minute|hour|day)s?\s+ago$/i;
const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether `text` is a time this module resolves (for input schemas). */
export function isPointInTime(text: string): boolean {
  return RELATIVE.test(text.trim()) || (ISO.test(text.trim()) && !Number.isNaN(Date.parse(text)));
}

/** The absolute time `text` names, relative forms counted back from `from`. @throws Error for anything else. */
export function resolvePointInTime(text: string, from: Date): Date {
  const relative = RELATIVE.exec(text.trim());
  if (relative) return new Date(from.getTime() - Number(relative[1]) * UNIT_MS[relative[2].toLowerCase()]);
  if (!isPointInTime(text)) throw new Error(`not an ISO 8601 time or "<n> minutes|hours|days ago": ${text}`);
  return new Date(text);
}
