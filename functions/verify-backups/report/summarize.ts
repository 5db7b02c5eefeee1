// The verification report: per recovery point the check results, the restore (job, duration), the measured RTO and
// its trend, the validation, the cleanup; the S3 backup bucket check; the sweep of leftovers. Any failure, timeout,
// RPO or encryption violation, RTO far above the earlier runs, unreachable or stale backup bucket, or a test copy
// that could not be deleted opens a SEV2 alert; otherwise a report notice.
import type { AuditRecord } from '../../shared/audit/audit.ts';
import type { Notice } from '../../shared/notify/message.ts';
import { escapeHtml, htmlPage } from '../../shared/reports/html.ts';
import type { Deletion } from '../cleanup/delete.ts';
import type { ItemResult } from '../cleanup/outcome.ts';
import type { Finding } from '../plan/select.ts';
import type { TrendLine } from './trend.ts';

export interface VerifyRun {
  dryRun: boolean;
  startedAt: string;
  findings: Finding[];
  results: ItemResult[];
  bucketCheck?: { configured: boolean; ok: boolean; text: string };
  swept: (Deletion & { from: string })[];
  sweepActions: AuditRecord[];
  trend: TrendLine[];
  rtoAlertFactor: number;
}

const minutes = (s: number | null) => (s === null ? '-' : s < 120 ? `${s} s` : `${Math.round(s / 6) / 10} min`);

export function problemsOf(run: VerifyRun): string[] {
  const problems: string[] = [];
  for (const f of run.findings.filter((finding) => finding.problem)) {
    problems.push(`${f.resourceType ?? f.vault} (${f.region}): ${f.text}`);
  }
  for (const r of run.results) {
    if (r.outcome === 'failed' || r.outcome === 'timed-out') {
      problems.push(
        `${r.resourceType} restore test (${r.region}) ${r.outcome === 'failed' ? 'FAILED' : 'TIMED OUT'}: ${r.message}`,
      );
    }
    for (const c of r.cleanup.filter((d) => d.outcome === 'failed'))
      problems.push(`test copy ${c.resource} not deleted: ${c.detail}`);
  }
  for (const t of run.trend.filter((line) => line.farAbove)) {
    problems.push(
      `${t.resourceType} RTO (${t.region}) ${minutes(t.rtoSeconds)} is more than ${run.rtoAlertFactor}x the median ${minutes(t.earlierMedianSeconds)} of ${t.earlierRuns} earlier test(s)`,
    );
  }
  if (run.bucketCheck?.configured && !run.bucketCheck.ok) problems.push(`backup bucket: ${run.bucketCheck.text}`);
  for (const s of run.swept.filter((d) => d.outcome === 'failed'))
    problems.push(`leftover ${s.resource} not deleted: ${s.detail}`);
  return problems;
}

export function summarizeVerification(run: VerifyRun) {
  const problems = problemsOf(run);
  const passed = run.results.filter((r) => r.outcome === 'passed');
  const failed = run.results.filter((r) => r.outcome === 'failed' || r.outcome === 'timed-out');
  const deleted = run.results
    .flatMap((r) => r.cleanup)
    .filter((d) => d.outcome === 'deleted' || d.outcome === 'deleting');
  const facts: Record<string, string | number> = {
    'Restore tests': run.dryRun
      ? `${run.results.length} planned (dry run)`
      : `${passed.length} passed, ${failed.length} failed of ${run.results.length}`,
  };
  for (const r of run.results) {
    const trend = run.trend.find((t) => t.resourceType === r.resourceType && t.region === r.region);
    facts[`${r.resourceType} ${r.region}`] =
      `${r.outcome}: ${r.message}${r.rtoSeconds !== null ? `; RTO ${minutes(r.rtoSeconds)}${trend?.earlierMedianSeconds !== null && trend ? ` (median ${minutes(trend.earlierMedianSeconds)})` : ''}` : ''}; point ${r.recoveryPointAgeHours} h old`.slice(
        0,
        400,
      );
  }
  if (run.bucketCheck?.configured) facts['Backup bucket'] = run.bucketCheck.text;
  facts['Test copies deleted'] = run.dryRun
    ? 'none created'
    : `${deleted.length}; leftovers of earlier runs swept: ${run.swept.filter((s) => s.outcome === 'deleted').length}`;
  if (problems.length) facts.Problems = problems.slice(0, 8).join(' | ').slice(0, 1500);
  const title = problems.length
    ? `Backup verification: ${problems.length} problem(s): ${problems[0].slice(0, 140)}`
    : run.dryRun
      ? `Backup verification (dry run): ${run.results.length} restore test(s) planned, checks passed`
      : `Backup verification passed: ${passed.length} restore test(s), every copy deleted`;
  const notice: Omit<Notice, 'playbook' | 'link'> = problems.length
    ? {
        kind: 'alert',
        severity: 'SEV2',
        title,
        impact: 'Backups may not restore within the RPO/RTO the runbook expects',
        status: 'Investigate the failed checks; the test copies were cleaned up (see the report)',
        facts,
      }
    : { kind: 'report', severity: 'SEV4', title, status: 'Complete', facts };
  const report = {
    playbook: 'verify-backups',
    dryRun: run.dryRun,
    startedAt: run.startedAt,
    problems,
    findings: run.findings,
    tests: run.results.map(({ actions: _actions, ...result }) => result),
    trend: run.trend,
    backupBucket: run.bucketCheck,
    swept: run.swept,
    actions: [...run.results.flatMap((r) => r.actions), ...run.sweepActions],
  };
  const rows = run.results
    .map(
      (r) =>
        `<tr class="${r.outcome === 'passed' ? '' : 'bad'}"><td>${escapeHtml(r.region)}</td><td>${escapeHtml(r.resourceType)}</td><td>${escapeHtml(r.outcome)}</td><td>${escapeHtml(minutes(r.restoreSeconds))}</td><td>${escapeHtml(minutes(r.rtoSeconds))}</td><td>${escapeHtml(r.message)}</td><td>${escapeHtml(r.cleanup.map((c) => `${c.outcome} ${c.resource}`).join('; ') || (r.pendingJob ? `job ${r.pendingJob} still running: swept later` : '-'))}</td></tr>`,
    )
    .join('\n');
  const html = htmlPage(
    'Backup verification',
    `<p>${escapeHtml(title)}</p>
     ${problems.length ? `<ul>${problems.map((p) => `<li class="bad">${escapeHtml(p)}</li>`).join('')}</ul>` : ''}
     <table><tr><th>Region</th><th>Type</th><th>Outcome</th><th>Restore</th><th>RTO</th><th>Validation</th><th>Cleanup</th></tr>${rows}</table>
     <p>${escapeHtml(run.bucketCheck?.text ?? '')}</p>`,
  );
  return { report, html, notice, title, problems };
}
