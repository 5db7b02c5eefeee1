// The case report's HTML (self-contained: opened from S3 or out/) and helpers shared by the contain and release
// reports: the audit records of every step as one table, the Cause text of a caught error.
import type { AuditRecord } from '../audit/audit.ts';
import { escapeHtml, htmlPage } from '../reports/html.ts';

function factsTable(facts: Record<string, string | number | undefined>): string {
  const rows = Object.entries(facts)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(String(value))}</td></tr>`);
  return `<table>${rows.join('\n')}</table>`;
}

/** One detail value as a reader wants it: lists joined, nested objects as compact JSON, the rest as text. */
function detailValue(value: unknown): string {
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) return value.join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** An action's detail as `key: value` lines that wrap within the column (raw JSON overflowed a 1280 px page). */
function detailCell(detail: Record<string, unknown> | undefined): string {
  const lines = Object.entries(detail ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `<div><b>${escapeHtml(key)}</b>: ${escapeHtml(detailValue(value))}</div>`);
  return `<td style="max-width:32em;overflow-wrap:anywhere">${lines.join('')}</td>`;
}

function actionsTable(actions: AuditRecord[]): string {
  const rows = actions.map(
    (a) =>
      `<tr class="${a.outcome === 'failed' ? 'bad' : ''}"><td>${escapeHtml(a.time)}</td><td>${escapeHtml(a.action)}</td><td style="overflow-wrap:anywhere">${escapeHtml(a.resource)}</td><td>${escapeHtml(a.outcome)}</td>${detailCell(a.detail)}</tr>`,
  );
  return `<table><tr><th>Time</th><th>Action</th><th>Resource</th><th>Outcome</th><th>Detail</th></tr>
${rows.join('\n')}</table>`;
}

export function casePage(
  title: string,
  summary: string,
  facts: Record<string, string | number | undefined>,
  actions: AuditRecord[],
): string {
  return htmlPage(
    title,
    `<p>${escapeHtml(summary)}</p>\n${factsTable(facts)}\n<h2>Actions</h2>\n${actionsTable(actions)}`,
  );
}

/** Every step's records, in step order. */
export function allActions(...steps: ({ actions?: AuditRecord[] } | undefined)[]): AuditRecord[] {
  return steps.flatMap((step) => step?.actions ?? []);
}
