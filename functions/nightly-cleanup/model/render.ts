// The human side of the report: an HTML page (summary, one row per account, then one table per outcome) and the one
// summary notice.

import type { Notice } from '../../shared/notify/message.ts';
import { escapeHtml, htmlPage } from '../../shared/reports/html.ts';
import type { AccountSummary } from './account-summary.ts';
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

function table(items: ReportItem[], accountNames: Map<string, string>): string {
  const rows = items
    .slice(0, MAX_ROWS)
    .map(
      (item) =>
        `<tr><td>${escapeHtml(accountNames.get(item.accountId) ?? item.accountId)}</td><td>${escapeHtml(item.region)}</td><td>${escapeHtml(item.resourceType)}</td><td>${escapeHtml(item.resourceId)}</td>` +
        `<td>${escapeHtml(item.name ?? '')}</td><td>${escapeHtml(size(item))}</td><td>${escapeHtml(item.deleteAfter ?? '')}</td>` +
        `<td class="long">${escapeHtml([item.reason, item.errorCode, item.detail, item.message].filter(Boolean).join(': '))}` +
        `${item.finalSnapshotId ? ` final snapshot ${escapeHtml(item.finalSnapshotId)}` : ''}</td>` +
        `<td class="num">${item.estimatedMonthlySavingsUsd.toFixed(2)}</td></tr>`,
    );
  const more = items.length > MAX_ROWS ? `<p>… and ${items.length - MAX_ROWS} more in the JSON report.</p>` : '';
  return `<table><tr><th>Account</th><th>Region</th><th>Type</th><th>Id</th><th>Name</th><th>Size</th><th>Delete after</th><th>Why</th><th>USD/month</th></tr>
${rows.join('\n')}</table>${more}`;
}

const ACCOUNT_STATUS: Record<AccountSummary['status'], string> = {
  completed: 'completed',
  'partly-failed': 'partly failed',
  failed: 'failed',
  'safety-stop': 'stopped by its safety cap',
  exempt: 'exempt (not looked at)',
};

/** One row per account: its status, regions planned and failed, what was planned and what happened. */
function accountsTable(accounts: AccountSummary[]): string {
  const count = (account: AccountSummary, ...outcomes: Outcome[]) =>
    outcomes.reduce((sum, outcome) => sum + (account.outcomes[outcome] ?? 0), 0);
  const rows = accounts.map((account) => {
    const bad = account.status === 'failed' || account.status === 'safety-stop' || account.status === 'partly-failed';
    const failures = account.failedRegions.map((f) => `${f.region}: ${f.error} ${f.cause}`.trim());
    const cap = account.safetyCap;
    const capText = cap ? `${cap.dueDeletions} due, limit ${cap.limit}${cap.exceeded ? ' (exceeded)' : ''}` : '';
    return (
      `<tr${bad ? ' class="bad"' : ''}><td>${escapeHtml(account.accountName)} (${escapeHtml(account.accountId)})</td>` +
      `<td>${escapeHtml(ACCOUNT_STATUS[account.status])}</td><td>${escapeHtml(account.regions.join(', '))}</td>` +
      `<td class="num">${account.planned.estate}</td><td class="num">${count(account, 'marked', 'would-mark')}</td>` +
      `<td class="num">${count(account, 'deleted')}</td><td class="num">${count(account, 'skipped')}</td>` +
      `<td class="num">${count(account, 'failed')}</td><td class="num">${account.realisedMonthlySavingsUsd.toFixed(2)}</td>` +
      `<td>${escapeHtml(capText)}</td><td class="long">${escapeHtml(failures.join('; '))}</td></tr>`
    );
  });
  return `<h2>Accounts: ${accounts.length}</h2>
<table><tr><th>Account</th><th>Status</th><th>Regions planned</th><th>Looked at</th><th>Marked</th><th>Deleted</th><th>Skipped</th><th>Failed</th><th>Realised USD/month</th><th>Safety cap</th><th>Failed regions</th></tr>
${rows.join('\n')}</table>`;
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
  const names = new Map(report.accounts.map((account) => [account.accountId, account.accountName]));
  const sections = SECTIONS.map(({ outcome, title }) => {
    const items = report.items.filter((item) => item.outcome === outcome);
    return items.length ? `<h2>${escapeHtml(title)}: ${items.length}</h2>\n${table(items, names)}` : '';
  }).join('\n');
  return htmlPage(
    `Nightly cleanup ${report.execution.name}`,
    `${summary}\n${accountsTable(report.accounts)}\n${sections}`,
  );
}

/** "a, b, c and 2 more": names in a title stay short whatever the number of accounts. */
function some(names: string[], max = 4): string {
  return names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', ');
}

/** The one message of a run: an alert when the cap stopped something or the run failed, else the summary. */
export function noticeOf(report: CleanupReport): Omit<Notice, 'playbook' | 'link'> {
  const t = report.totals;
  const facts = {
    Mode: report.mode ?? 'unknown',
    Accounts: t.accounts,
    Deleted: t.deleted,
    'Realised savings (USD/month)': t.realisedMonthlySavingsUsd.toFixed(2),
    Marked: t.marked + t['would-mark'],
    Unmarked: t.unmarked + t['would-unmark'],
    Skipped: t.skipped,
    Failed: t.failed,
    'Account-regions that failed': t.failedTargets,
  };
  const stoppedAccounts = report.accounts.filter((account) => account.safetyCap?.exceeded);
  const capOf = (account: AccountSummary) =>
    `${account.accountName} (${account.safetyCap?.dueDeletions} due, limit ${account.safetyCap?.limit})`;
  if (report.status === 'safety-stop') {
    const cap = report.safetyCap;
    return {
      kind: 'alert',
      severity: 'SEV2',
      title: cap?.exceeded
        ? `Nightly cleanup stopped by its safety cap: ${cap?.dueDeletions} deletions due, limit ${cap?.limit}`
        : `Nightly cleanup stopped by the safety cap of every account: ${some(stoppedAccounts.map(capOf))}`,
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
  const failedTargets = report.failedTargets.map((f) => `${f.accountName}/${f.region} (${f.error})`);
  const parts = [
    report.mode === 'report' ? `${t['would-mark']} would be marked, ${t.due} due` : undefined,
    report.mode === 'delete' ? `${t.deleted} deleted (${usd(t.realisedMonthlySavingsUsd)}/month)` : undefined,
    report.mode !== 'report' ? `${t.marked} marked` : undefined,
    report.mode !== 'report' && t.unmarked ? `${t.unmarked} unmarked` : undefined,
    t.pending ? `${t.pending} pending` : undefined,
    t.failed ? `${t.failed} failed` : undefined,
  ].filter(Boolean);
  // Every account the run acted in, by name; then what could not be planned.
  const actedIn = report.accounts.filter((account) => account.regions.length).map((account) => account.accountName);
  const summary = [
    `${parts.join(', ')}${actedIn.length ? ` across ${some(actedIn)}` : ''}`,
    failedTargets.length ? `could not plan ${some(failedTargets)}` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  const awaiting = t['awaiting-final-snapshot']
    ? `${t['awaiting-final-snapshot']} volume(s) wait for their final snapshot; a later run deletes them`
    : 'Complete';
  if (stoppedAccounts.length) {
    return {
      kind: 'alert',
      severity: 'SEV2',
      title: `Nightly cleanup (${report.mode}) stopped by the account safety cap in ${some(stoppedAccounts.map(capOf))}; elsewhere: ${summary}`,
      impact: 'Nothing was deleted, marked or unmarked in the stopped account(s); the other accounts went on',
      status: 'Needs a human: check their due resources in the report, then exempt them or raise safetyCap',
      dedupKey: `${report.playbook}-safety-cap`,
      facts,
    };
  }
  return {
    kind: 'report',
    severity: t.failed || failedTargets.length ? 'SEV3' : 'SEV4',
    title: `Nightly cleanup (${report.mode}): ${summary}`,
    status: failedTargets.length
      ? `${t['awaiting-final-snapshot'] ? awaiting : 'Done elsewhere'}; the failed account-regions need a human: deploy the member role there, or exempt the account`
      : awaiting,
    facts,
  };
}
