// The AWS Config part of the report: per-region compliance readings as rows, the non-compliant rules, the rules
// still evaluating or whose evaluation failed, and its HTML table.
import { escapeHtml } from '../../shared/reports/html.ts';
import type { ConfigRegion } from './inputs.ts';
import { errorText } from './inputs.ts';

/** The Config rules reading as the report shows it (its JSON keys predate the other readings). */
export interface ConfigSummary {
  rulesEvaluated: number;
  nonCompliant: { region: string; rule: string; compliance: string; nonCompliantResources?: string }[];
  stillEvaluating: { region: string; rule: string }[];
  failedEvaluations: { region: string; rule: string; errorCode?: string }[];
  rules: { region: string; rule: string; compliance: string; nonCompliantResources?: string }[];
  /** Regions whose Config reading failed, with the error. */
  unreadable: { region: string; error: string }[];
}

/** Rows, non-compliant rules and unread regions of the Config rules branch. */
export function summarizeConfig(results: ConfigRegion[]): ConfigSummary {
  const ok = results.filter((r) => r.status === 'ok');
  const rules = ok.flatMap(({ region, read }) => read.rules.map((rule) => ({ region, ...rule })));
  return {
    rulesEvaluated: ok.reduce((sum, { start }) => sum + start.ruleNames.length, 0),
    nonCompliant: rules.filter((row) => row.compliance === 'NON_COMPLIANT'),
    stillEvaluating: ok.flatMap(({ region, read }) => read.pending.map((rule) => ({ region, rule }))),
    failedEvaluations: ok.flatMap(({ region, read }) => read.failed.map((failure) => ({ region, ...failure }))),
    rules,
    unreadable: results.flatMap((r) => (r.status === 'error' ? [{ region: r.region, error: errorText(r.error) }] : [])),
  };
}

/** The Config part of the HTML report. */
export function configSection(summary: ConfigSummary, dryRun: boolean): string {
  const { rulesEvaluated, nonCompliant, stillEvaluating, failedEvaluations, rules } = summary;
  return `<h2>AWS Config rules</h2>
<p>${rulesEvaluated} rules evaluated${dryRun ? ' (dry run: evaluations not started, current compliance shown)' : ''};
${nonCompliant.length} non-compliant, ${stillEvaluating.length} still evaluating, ${failedEvaluations.length} failed.</p>
<table><tr><th>Region</th><th>Rule</th><th>Compliance</th><th>Non-compliant resources</th></tr>
${rules
  .map(
    (row) =>
      `<tr class="${row.compliance === 'NON_COMPLIANT' ? 'bad' : ''}"><td>${escapeHtml(row.region)}</td><td>${escapeHtml(row.rule)}</td><td>${escapeHtml(row.compliance)}</td><td>${escapeHtml(row.nonCompliantResources ?? '')}</td></tr>`,
  )
  .join('\n')}
</table>`;
}
