// The window's report (JSON + HTML): what each region had, what was silenced and restored, the alarms afterwards.
import type { AuditRecord } from '../../shared/audit/audit.ts';
import type { Notice } from '../../shared/notify/message.ts';
import { escapeHtml, htmlPage } from '../../shared/reports/html.ts';
import type { EndFacts } from '../model/notices.ts';
import type { WindowRecord } from '../model/record.ts';

/** The window's report (JSON + HTML) and a plain report notice (the dry run's; an opened window notifies with endNotice). */
export function windowReport(
  record: WindowRecord,
  facts: EndFacts | undefined,
  actions: AuditRecord[],
  outcome: string,
  failed?: string,
) {
  const report = { playbook: 'maintenance-window', outcome, failed, window: record, alarmsAfter: facts, actions };
  const rows = record.regions
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.region)}</td><td>${escapeHtml(r.parameter)}</td><td>${escapeHtml(r.previous ?? '(none)')}</td><td>${escapeHtml(r.silenced.join(', ') || '-')}</td></tr>`,
    )
    .join('\n');
  const title =
    outcome === 'dry-run'
      ? `Dry run: a ${record.durationMinutes}-minute maintenance window (${record.stage}) would silence ${record.regions.reduce((n, r) => n + r.silenced.length, 0)} alarm(s); nothing changed`
      : `Maintenance window (${record.stage}) ${outcome}: ${record.reason}`;
  const html = htmlPage(
    'Maintenance window',
    `<p>${escapeHtml(title)}</p>${failed ? `<p class="bad">${escapeHtml(failed)}</p>` : ''}
     <table><tr><th>Region</th><th>Flag</th><th>Before</th><th>Alarms silenced</th></tr>${rows}</table>
     ${facts?.newlyAlarming.length ? `<p class="bad">In ALARM after the window: ${escapeHtml(facts.newlyAlarming.join(', '))}</p>` : ''}
     <ul>${actions.map((a) => `<li>${escapeHtml(`${a.action} ${a.resource} (${a.region}): ${a.outcome}`)}</li>`).join('')}</ul>`,
  );
  const notice: Omit<Notice, 'playbook' | 'link'> = { kind: 'report', severity: 'SEV4', title, status: 'Complete' };
  return { report, html, notice };
}

/** A window that never opened: refused (an incident, a running shift or failover, another window) or bad input. */
export function refusalReport(reason: string, error?: string) {
  const title = `Maintenance window not started: ${reason}`.slice(0, 300);
  const notice: Omit<Notice, 'playbook' | 'link'> = {
    kind: 'report',
    severity: 'SEV3',
    title,
    status: 'Nothing was changed',
  };
  return { report: { playbook: 'maintenance-window', outcome: 'refused', reason, error }, notice };
}
