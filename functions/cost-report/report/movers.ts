// Top movers: the services whose spend changed most between two readings, by absolute change in USD.

export interface Mover {
  service: string;
  from: number;
  to: number;
  change: number;
  /** Change relative to `from`; null when the service had no spend before (new). */
  changePct: number | null;
}

/** Changes smaller than a cent are noise from rounding, not movement. */
const MIN_CHANGE_USD = 0.01;

export function moversBetween(before: Record<string, number>, after: Record<string, number>, top: number): Mover[] {
  const services = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...services]
    .map((service) => {
      const from = before[service] ?? 0;
      const to = after[service] ?? 0;
      const change = Math.round((to - from) * 100) / 100;
      return { service, from, to, change, changePct: from > 0 ? Math.round((change / from) * 10_000) / 10_000 : null };
    })
    .filter((mover) => Math.abs(mover.change) >= MIN_CHANGE_USD)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.service.localeCompare(b.service))
    .slice(0, top);
}
