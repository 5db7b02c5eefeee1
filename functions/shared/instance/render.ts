// The case report's HTML (self-contained: opened from S3 or out/) and helpers shared by the contain and release
// reports: the audit records of every step in step order.
import type { AuditRecord } from '../audit/audit.ts';
import { actionsTable } from '../reports/actions.ts';
import { escapeHtml, htmlPage } from '../reports/html.ts';

function factsTable(facts: Record<string, string | number | undefined>): string {
  const rows = Object.entries(facts)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(
      ([label, value]) => `<tr><th>${escapeHtml(label)}</th><td class="long">${escapeHtml(String(value))}</td></tr>`,
    );
  return `<table>${rows.join('\n')}</table>`;
}

/** A case report page: `summary` under the title, the facts (long ones wrap), then every action taken. */
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
