// The restore's report and notice: where the restored database answers (endpoints, instance) and which objects went
// back to which version, what was created after the restore time (reported, or deleted when asked), and on a failure
// what exists now and how to go on. Claims only what the steps read back.
import type { AuditRecord } from '../../shared/audit/audit.ts';
import { causeMessage } from '../../shared/errors/errors.ts';
import type { Notice } from '../../shared/notify/message.ts';
import { failureNotice } from '../../shared/notify/refusal.ts';
import { escapeHtml, htmlPage } from '../../shared/reports/html.ts';
import type { ObjectDecision } from '../objects-plan/versions.ts';
import type { DatabasePlan, ObjectsPlan } from '../plan/plan.ts';

export interface RestoreRun {
  plan?: {
    dryRun: boolean;
    asked: string;
    restoreTime: string;
    database: DatabasePlan | null;
    objects: ObjectsPlan | null;
  };
  database?: {
    actions?: AuditRecord[];
    phase?: string;
    endpoint?: string;
    readerEndpoint?: string;
    instanceStatus?: string;
  };
  objects?: { decisions: ObjectDecision[]; applied: number };
  error?: { Error?: string; Cause?: string };
  /** What a failure left (read back): the target cluster's status, or 'absent'. */
  targetNow?: string;
}

const list = (keys: string[], max = 10) =>
  keys.length ? `${keys.slice(0, max).join(', ')}${keys.length > max ? `, … (${keys.length} in all)` : ''}` : 'none';

export function summarizeRestore(run: RestoreRun) {
  const { plan, database, objects, error } = run;
  const dryRun = plan?.dryRun ?? false;
  const db = plan?.database;
  const decisions = objects?.decisions ?? [];
  const restored = decisions.filter((d) => d.action === 'restore');
  const newer = decisions.filter((d) => d.action === 'newer');
  const failed = Boolean(error);
  const facts: Record<string, string | number> = {
    'Restore time': plan
      ? `${plan.restoreTime}${plan.asked !== plan.restoreTime ? ` (asked: ${plan.asked})` : ''}`
      : 'not resolved',
  };
  if (db) {
    facts.Source = `${db.sourceClusterId} (${db.region}), left untouched`;
    facts['New cluster'] = db.targetClusterId;
    facts['Restorable window'] = `${db.window.earliest} to ${db.window.latest}`;
    if (database?.phase === 'available' && !dryRun) {
      facts.Endpoint = database.endpoint ?? '';
      facts['Reader endpoint'] = database.readerEndpoint ?? '';
      facts.Instance = `${db.instanceId} (${db.instanceClass}), available`;
    }
    if (failed) facts['New cluster now'] = run.targetNow ?? 'not read';
  }
  if (plan?.objects) {
    const applied = failed ? decisions.slice(0, objects?.applied ?? 0) : decisions;
    facts.Objects = `s3://${plan.objects.bucket}/${plan.objects.prefix}`;
    facts[dryRun ? 'Would restore' : 'Restored'] = list(
      applied.filter((d) => d.action === 'restore').map((d) => d.key),
    );
    facts[plan.objects.deleteNewer ? 'Created since, deleted (delete marker)' : 'Created since, kept'] = list(
      newer.map((d) => d.key),
    );
    if (failed) facts['Objects looked at before the failure'] = `${objects?.applied ?? 0} of ${decisions.length}`;
  }
  const what = [db ? `cluster ${db.targetClusterId}` : '', plan?.objects ? `${restored.length} object(s)` : '']
    .filter(Boolean)
    .join(' and ');
  const title = failed
    ? `Point-in-time restore FAILED: ${error?.Error}: ${causeMessage(error?.Cause).slice(0, 120)}`
    : dryRun
      ? `Point-in-time restore (dry run): would restore ${what} to ${plan?.restoreTime}`
      : `Point-in-time restore done: ${what} as of ${plan?.restoreTime}`;
  const notice: Omit<Notice, 'playbook' | 'link'> = failed
    ? failureNotice(
        {
          kind: 'alert',
          severity: 'SEV2',
          title,
          impact: 'The restore stopped; the source cluster and bucket were not changed',
          status:
            'Fix the cause and start again: a new run with a new targetClusterId, or the same input (objects already restored are recognised and skipped)',
          facts,
        },
        error,
      )
    : { kind: 'report', severity: 'SEV4', title, status: dryRun ? 'Dry run: nothing changed' : 'Complete', facts };
  const report = {
    playbook: 'point-in-time-restore',
    outcome: failed ? 'failed' : dryRun ? 'dry-run' : 'done',
    plan,
    database: db ? { ...db, ...(database ?? {}), actions: undefined } : undefined,
    objects: plan?.objects ? { ...plan.objects, decisions, applied: objects?.applied } : undefined,
    error,
    actions: database?.actions ?? [],
  };
  const rows = decisions
    .filter((d) => d.action !== 'unchanged')
    .map(
      (d) =>
        `<tr class="${d.action === 'newer' ? 'bad' : ''}"><td>${escapeHtml(d.key)}</td><td>${escapeHtml(d.action)}</td><td>${escapeHtml(d.why)}</td></tr>`,
    )
    .join('\n');
  const html = htmlPage(
    'Point-in-time restore',
    `<p>${escapeHtml(title)}</p><ul>${Object.entries(facts)
      .map(([label, value]) => `<li>${escapeHtml(label)}: ${escapeHtml(String(value))}</li>`)
      .join('')}</ul>${rows ? `<table><tr><th>Key</th><th>Action</th><th>Why</th></tr>${rows}</table>` : ''}`,
  );
  return { report, html, notice, title };
}
