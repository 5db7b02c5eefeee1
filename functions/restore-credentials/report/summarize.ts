// The report and notice of a restore-credentials run: what was re-enabled or removed, what stays (AWS quarantine
// policies, the user's other keys), or the error that stopped it and what had changed before.

import type { AuditRecord } from '../../shared/audit/audit.ts';
import { causeMessage } from '../../shared/errors/errors.ts';
import type { Notice } from '../../shared/notify/message.ts';
import { failureNotice } from '../../shared/notify/refusal.ts';
import { escapeHtml, htmlPage } from '../../shared/reports/html.ts';
import type { RestorePlan } from '../assess/check.ts';

export interface RestoreRun {
  plan?: RestorePlan;
  enableKey?: { actions?: AuditRecord[] };
  denyPolicy?: { actions?: AuditRecord[] };
  error?: { Error?: string; Cause?: string };
  userName?: string;
  dryRun?: boolean;
}

export function summarizeRestore(run: RestoreRun) {
  const { plan, error } = run;
  const actions = [run.enableKey, run.denyPolicy].flatMap((step) => step?.actions ?? []);
  const changed = actions.filter((action) => action.outcome === 'done');
  const wouldChange = actions.filter((action) => action.outcome === 'dry-run');
  const dryRun = plan?.dryRun ?? run.dryRun ?? false;
  const userName = plan?.userName ?? run.userName ?? 'unknown user';
  const outcome = error ? 'failed' : dryRun ? 'dry-run' : changed.length ? 'restored' : 'already-done';
  const describe = (records: AuditRecord[]) =>
    records
      .map((record) => `${record.action} ${String(record.detail?.accessKeyId ?? record.detail?.policyName ?? '')}`)
      .join('; ');
  const report = {
    playbook: 'restore-credentials',
    outcome,
    dryRun,
    userName,
    accessKeyId: plan?.accessKeyId,
    awsQuarantinePoliciesLeftInPlace: plan?.awsQuarantinePolicies ?? [],
    error: error && { error: error.Error, cause: causeMessage(error.Cause) },
    actions,
  };
  const facts: Record<string, string | number> = {};
  if (report.awsQuarantinePoliciesLeftInPlace.length) {
    facts['AWS quarantine (left in place)'] = report.awsQuarantinePoliciesLeftInPlace.join(', ');
  }
  const notice: Omit<Notice, 'playbook' | 'link'> | undefined =
    outcome === 'failed'
      ? failureNotice(
          {
            kind: 'alert',
            severity: 'SEV3',
            title: `restore-credentials failed for ${userName}: ${report.error?.error ?? 'error'}`,
            status: `Needs a human: ${report.error?.cause ?? ''}`.slice(0, 500),
            facts: { ...facts, 'Changed before the failure': changed.length ? describe(changed) : 'nothing' },
          },
          error,
        )
      : outcome === 'dry-run'
        ? {
            kind: 'report',
            severity: 'SEV4',
            title: `Dry run: would restore ${userName} (${wouldChange.length} action(s))`,
            status: `Would do: ${describe(wouldChange) || 'nothing (already restored)'}`,
            facts,
          }
        : outcome === 'restored'
          ? {
              kind: 'resolved',
              severity: 'SEV4',
              title: `Credentials of ${userName} restored by hand`,
              nextSteps: `Done: ${describe(changed)}`,
              facts,
            }
          : undefined;
  const rows = actions
    .map(
      (a) =>
        `<tr><td>${escapeHtml(a.action)}</td><td>${escapeHtml(a.resource)}</td><td>${escapeHtml(a.outcome)}</td></tr>`,
    )
    .join('');
  const html = htmlPage(
    `restore-credentials: ${userName}`,
    `<p>Outcome: <strong>${escapeHtml(outcome)}</strong>${report.error ? `: ${escapeHtml(report.error.cause)}` : ''}</p>
     <table><tr><th>Action</th><th>Resource</th><th>Outcome</th></tr>${rows}</table>`,
  );
  return { report, html, notice };
}
