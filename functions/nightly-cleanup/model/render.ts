// The human side of the report: an HTML page (summary, then one table per outcome) and the one summary notice.

import type { Notice } from '../../shared/notify/message.ts';
import { escapeHtml, htmlPage } from '../../shared/reports/html.ts';
import type { Outcome } from './model.ts';
import type { CleanupReport, ReportItem } from './report.ts';

/** Rows per table in the HTML; the JSON always lists every item. */
const MAX_ROWS = 500;

const SECTIONS: { outcome: Outcome; title: string }[] = [
  { outcome: 'failed', title: 'Failed (nothing deleted)' },
  { outcome: 'deleted', title: 'Deleted' },
  { outcome: 'already-gone', title: 'Already gone (counted as done)' },
  { outcome: 'awaiting-final-snapshot', title: 'Awaiting the final snapshot (a later run deletes them)' },
  { outcome: 'due', title: 'Due for deletion, not deleted in this run' },
  { outcome: 'marked', title: 'Marked: announced for deletion' },
  { outcome: 'would-mark', title: 'Would be marked (mode report)' },
  { outcome: 'pending', title: 'Marked earlier, not due yet' },
  { outcome: 'unmarked', title: 'Unmarked: no longer qualifying' },
  { outcome: 'would-unmark', title: 'Would be unmarked' },
  { outcome: 'skipped', title: 'Skipped (never touched)' },
];

const usd = (value: number) => `USD ${value.toFixed(2)}`;

function size(item: ReportItem): string {
  if (item.resourceType === 'address') return item.publicIp ?? '';
  const tier = item.storageTier && item.storageTier !== 'standard' ? ` ${item.storageTier}` : '';
  return `${item.sizeGiB ?? 0} GiB${item.volumeType ? ` ${item.volumeType}` : ''}${tier}`;
}

function table(items: ReportItem[]): string {
  const rows = items
    .slice(0, MAX_ROWS)
    .map(
      (item) =>
        `<tr><td>${escapeHtml(item.region)}</td><td>${escapeHtml(item.resourceType)}</td><td>${escapeHtml(item.resourceId)}</td>` +
        `<td>${escapeHtml(item.name ?? '')}</td><td>${escapeHtml(size(item))}</td><td>${escapeHtml(item.deleteAfter ?? '')}</td>` +
        `<td>${escapeHtml([item.reason, item.errorCode, item.detail, item.message].filter(Boolean).join(': '))}` +
        `${item.finalSnapshotId ? ` final snapshot ${escapeHtml(item.finalSnapshotId)}` : ''}</td>` +
        `<td class="num">${item.estimatedMonthlySavingsUsd.toFixed(2)}</td></tr>`,
    );
  const more = items.length > MAX_ROWS ? `<p>… and ${items.length - MAX_ROWS} more in the JSON report.</p>` : '';
  return `<table><tr><th>Region</th><th>Type</th><th>Id</th><th>Name</th><th>Size</th><th>Delete after</th><th>Why</th><th>USD/month</th></tr>
${rows.join('\n')}</table>${more}`;
}

export function renderHtml(report: CleanupReport): string {
  const t = report.totals;
  const cap = report.safetyCap;
  const summary = `<p>Status <b>${escapeHtml(report.status)}</b>, mode <b>${escapeHtml(report.mode ?? 'unknown')}</b>,
regions ${escapeHtml(report.regions.join(', '))}, types ${escapeHtml(report.resourceTypes.join(', '))}; ${t.estate} resources looked at.</p>
${report.error ? `<p class="bad">Run failed: ${escapeHtml(report.error.Error)}: ${escapeHtml(report.error.Cause)}</p>` : ''}
${cap ? `<p${cap.exceeded ? ' class="bad"' : ''}>Safety cap: ${cap.dueDeletions} deletion(s) due, limit ${cap.limit} (at most ${cap.maxDeletionsPerRun} per run and ${cap.maxEstateShare * 100}% of ${cap.estate}); mark budget ${cap.markBudget}.</p>` : ''}
<table>
<tr><th>Realised monthly savings (deleted)</th><td class="num">${usd(t.realisedMonthlySavingsUsd)}</td></tr>
<tr><th>Marked / would mark</th><td class="num">${usd(t.markedMonthlySavingsUsd)}</td></tr>
<tr><th>Pending marks</th><td class="num">${usd(t.pendingMonthlySavingsUsd)}</td></tr>
<tr><th>Due, not deleted</th><td class="num">${usd(t.dueMonthlySavingsUsd)}</td></tr>
<tr><th>Deferred candidates (${t.deferred}, beyond the mark budget)</th><td class="num">${usd(t.deferredMonthlySavingsUsd)}</td></tr>
<tr><th>Final snapshots taken (upper bound of their cost)</th><td class="num">${usd(t.finalSnapshotsMonthlyCostUsd)}</td></tr>
</table>
<ul>${report.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`;
  const sections = SECTIONS.map(({ outcome, title }) => {
    const items = report.items.filter((item) => item.outcome === outcome);
    return items.length ? `<h2>${escapeHtml(title)}: ${items.length}</h2>\n${table(items)}` : '';
  }).join('\n');
  return htmlPage(`Nightly cleanup ${report.execution.name}`, `${summary}\n${sections}`);
}

export function noticeOf(report: CleanupReport): Omit<Notice, 'playbook' | 'link'> {
  const t = report.totals;
  const facts = {
    Mode: report.mode ?? 'unknown',
    Deleted: t.deleted,
    'Realised savings (USD/month)': t.realisedMonthlySavingsUsd.toFixed(2),
    Marked: t.marked + t['would-mark'],
    Unmarked: t.unmarked + t['would-unmark'],
    Skipped: t.skipped,
    Failed: t.failed,
  };
  if (report.status === 'safety-stop') {
    const cap = report.safetyCap;
    return {
      kind: 'alert',
      severity: 'SEV2',
      title: `Nightly cleanup stopped by its safety cap: ${cap?.dueDeletions} deletions due, limit ${cap?.limit}`,
      impact: 'Nothing was deleted, marked or unmarked in this run',
      status: 'Needs a human: check the due resources in the report, then exempt them or raise safetyCap',
      dedupKey: `${report.playbook}-safety-cap`,
      facts,
    };
  }
  if (report.status === 'failed') {
    return {
      kind: 'alert',
      severity: 'SEV3',
      title: `Nightly cleanup failed: ${report.error?.Error ?? 'unknown error'}`,
      impact: 'Part of the run may not have happened; the report lists what did',
      status: report.error?.Cause.slice(0, 300),
      facts,
    };
  }
  const parts = [
    report.mode === 'report' ? `${t['would-mark']} would be marked, ${t.due} due` : undefined,
    report.mode === 'delete' ? `${t.deleted} deleted (${usd(t.realisedMonthlySavingsUsd)}/month)` : undefined,
    report.mode !== 'report' ? `${t.marked} marked` : undefined,
    report.mode !== 'report' && t.unmarked ? `${t.unmarked} unmarked` : undefined,
    t.pending ? `${t.pending} pending` : undefined,
    t.failed ? `${t.failed} failed` : undefined,
  ].filter(Boolean);
  return {
    kind: 'report',
    severity: t.failed ? 'SEV3' : 'SEV4',
    title: `Nightly cleanup (${report.mode}): ${parts.join(', ')}`,
    status: t['awaiting-final-snapshot']
      ? `${t['awaiting-final-snapshot']} volume(s) wait for their final snapshot; a later run deletes them`
      : 'Complete',
    facts,
  };
}
