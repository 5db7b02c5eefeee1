// The audit records of a run as one HTML table (the case reports of contain and release, revoke-credentials): each
// record's detail as short `key: value` lines in words, never JSON (raw JSON overflowed a 1280 px page).
import type { AuditRecord } from '../audit/audit.ts';
import { escapeHtml } from './html.ts';

/** `{from, to}`, or one side of it: a change of one value. */
const isChange = (value: object): value is { from?: unknown; to?: unknown } => {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key === 'from' || key === 'to');
};

function changeText(change: { from?: unknown; to?: unknown }): string {
  if (!('from' in change)) return `set to ${detailText(change.to, true)}`;
  if (!('to' in change)) return `was ${detailText(change.from, true)}`;
  return `${detailText(change.from, true)} → ${detailText(change.to, true)}`;
}

/**
 * One detail value as a reader wants it: a list joined by commas, a change as `from → to` (`set to`, `was` when
 * one side is missing), an object as `key=value` pairs (in parentheses when nested in a list or another object),
 * nothing as `none`.
 */
export function detailText(value: unknown, nested = false): string {
  if (value === null || value === undefined) return 'none';
  if (Array.isArray(value)) return value.length ? value.map((item) => detailText(item, true)).join(', ') : 'none';
  if (typeof value !== 'object') return String(value);
  if (isChange(value)) return changeText(value);
  const pairs = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .map(([key, item]) => `${key}=${detailText(item, true)}`)
    .join(', ');
  return nested ? `(${pairs})` : pairs;
}

function detailCell(detail: Record<string, unknown> | undefined): string {
  const lines = Object.entries(detail ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `<div><b>${escapeHtml(key)}</b>: ${escapeHtml(detailText(value))}</div>`);
  return `<td class="long">${lines.join('')}</td>`;
}

/**
 * The records as a table of time, action, resource, outcome and detail (a failed one highlighted), or "None." when
 * there are none. The time stays on one line; the resource and the detail wrap within the page.
 */
export function actionsTable(actions: AuditRecord[]): string {
  if (!actions.length) return '<p>None.</p>';
  const rows = actions.map(
    (a) =>
      `<tr${a.outcome === 'failed' ? ' class="bad"' : ''}><td class="nowrap">${escapeHtml(a.time)}</td><td>${escapeHtml(a.action)}</td><td class="long">${escapeHtml(a.resource)}</td><td>${escapeHtml(a.outcome)}</td>${detailCell(a.detail)}</tr>`,
  );
  return `<table><tr><th>Time</th><th>Action</th><th>Resource</th><th>Outcome</th><th>Detail</th></tr>
${rows.join('\n')}</table>`;
}
