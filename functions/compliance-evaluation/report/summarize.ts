// Turns per-region compliance readings into the report (JSON + a small HTML table) and the notice.

import type { AuditRecord } from '../../shared/audit/audit.ts';
import type { Notice } from '../../shared/notify/message.ts';
import { escapeHtml, htmlPage } from '../../shared/reports/html.ts';
import type { ComplianceReading } from '../read-compliance/read.ts';

export interface RegionCompliance {
  start: { region: string; ruleNames: string[]; startedAt: string; actions: AuditRecord[] };
  read?: ComplianceReading;
}

export function summarizeCompliance(results: RegionCompliance[], dryRun: boolean) {
  const rows = results.flatMap(({ start, read }) =>
    (read?.rules ?? []).map((rule) => ({ region: start.region, ...rule })),
  );
  const nonCompliant = rows.filter((row) => row.compliance === 'NON_COMPLIANT');
  const stillEvaluating = results.flatMap(({ start, read }) =>
    (read?.pending ?? []).map((rule) => ({ region: start.region, rule })),
  );
  const failedEvaluations = results.flatMap(({ start, read }) =>
    (read?.failed ?? []).map((failure) => ({ region: start.region, ...failure })),
  );
  const report = {
    playbook: 'compliance-evaluation',
    dryRun,
    rulesEvaluated: results.reduce((sum, { start }) => sum + start.ruleNames.length, 0),
    nonCompliant,
    stillEvaluating,
    failedEvaluations,
    rules: rows,
    actions: results.flatMap(({ start }) => start.actions),
  };
  const html = htmlPage(
    'Compliance evaluation',
    `<p>${report.rulesEvaluated} rules evaluated${dryRun ? ' (dry run: evaluations not started)' : ''};
     ${nonCompliant.length} non-compliant, ${stillEvaluating.length} still evaluating,
     ${failedEvaluations.length} failed.</p>
     <table><tr><th>Region</th><th>Rule</th><th>Compliance</th><th>Non-compliant resources</th></tr>
     ${rows
       .map(
         (row) =>
           `<tr class="${row.compliance === 'NON_COMPLIANT' ? 'bad' : ''}"><td>${escapeHtml(row.region)}</td><td>${escapeHtml(row.rule)}</td><td>${escapeHtml(row.compliance)}</td><td>${escapeHtml(row.nonCompliantResources ?? '')}</td></tr>`,
       )
       .join('\n')}
     </table>`,
  );
  const problems = nonCompliant.length + failedEvaluations.length;
  const notice: Omit<Notice, 'playbook' | 'link'> = {
    kind: 'report',
    severity: problems ? 'SEV3' : 'SEV4',
    title: problems
      ? `${nonCompliant.length} Config rule(s) non-compliant: ${nonCompliant
          .slice(0, 5)
          .map((row) => `${row.rule} (${row.region})`)
          .join(', ')}${nonCompliant.length > 5 ? ', …' : ''}`
      : `All ${rows.length} evaluated Config rules compliant`,
    status: stillEvaluating.length
      ? `${stillEvaluating.length} rule(s) still evaluating when the report was written`
      : 'Complete',
    facts: {
      'Rules evaluated': report.rulesEvaluated,
      'Non-compliant': nonCompliant.length,
      'Failed evaluations': failedEvaluations.length,
    },
  };
  return { report, html, notice };
}
