// The AWS Config part of the report: per account and region, compliance readings as rows, the non-compliant rules,
// the rules still evaluating or whose evaluation failed, the targets not read, and the HTML table of one account.
import { escapeHtml } from '../../shared/reports/html.ts';
import type { ConfigTarget } from './inputs.ts';

/** Which account and region a row is of. */
interface At {
  account: string;
  accountName: string;
  region: string;
}

/** The Config rules reading as the report shows it (its JSON keys predate the other readings). */
export interface ConfigSummary {
  rulesEvaluated: number;
  nonCompliant: (At & { rule: string; compliance: string; nonCompliantResources?: string })[];
  stillEvaluating: (At & { rule: string })[];
  failedEvaluations: (At & { rule: string; errorCode?: string })[];
  rules: (At & { rule: string; compliance: string; nonCompliantResources?: string })[];
  /** Account x region targets whose Config reading failed, with the error. */
  unreadable: (At & { error: string })[];
}

const at = (target: ConfigTarget): At => ({
  account: target.accountId,
  accountName: target.accountName,
  region: target.region,
});

/** Rows, non-compliant rules and unread targets of the Config rules readings. */
export function summarizeConfig(results: ConfigTarget[]): ConfigSummary {
  const ok = results.flatMap((r) => (r.status === 'ok' ? [r] : []));
  const rules = ok.flatMap((target) => target.read.rules.map((rule) => ({ ...at(target), ...rule })));
  return {
    rulesEvaluated: ok.reduce((sum, { start }) => sum + start.ruleCount, 0),
    nonCompliant: rules.filter((row) => row.compliance === 'NON_COMPLIANT'),
    stillEvaluating: ok.flatMap((target) => target.read.pending.map((rule) => ({ ...at(target), rule }))),
    failedEvaluations: ok.flatMap((target) => target.read.failed.map((failure) => ({ ...at(target), ...failure }))),
    rules,
    unreadable: results.flatMap((r) => (r.status === 'error' ? [{ ...at(r), error: r.error }] : [])),
  };
}

/** One account's Config part of the HTML report (its rows of the summary). */
export function configSection(summary: ConfigSummary, account: string, dryRun: boolean): string {
  const mine = <T extends At>(rows: T[]) => rows.filter((row) => row.account === account);
  const rules = mine(summary.rules);
  const unreadable = mine(summary.unreadable).map(
    (u) => `<p class="bad">${escapeHtml(u.region)}: not read: ${escapeHtml(u.error)}</p>`,
  );
  return `<h3>AWS Config rules</h3>
${unreadable.join('\n')}
<p>${rules.length} rules read${dryRun ? ' (dry run: evaluations not started, current compliance shown)' : ''};
${mine(summary.nonCompliant).length} non-compliant, ${mine(summary.stillEvaluating).length} still evaluating, ${mine(summary.failedEvaluations).length} failed.</p>
${
  rules.length
    ? `<table><tr><th>Region</th><th>Rule</th><th>Compliance</th><th>Non-compliant resources</th></tr>
${rules
  .map(
    (row) =>
      `<tr class="${row.compliance === 'NON_COMPLIANT' ? 'bad' : ''}"><td>${escapeHtml(row.region)}</td><td>${escapeHtml(row.rule)}</td><td>${escapeHtml(row.compliance)}</td><td>${escapeHtml(row.nonCompliantResources ?? '')}</td></tr>`,
  )
  .join('\n')}
</table>`
    : ''
}`;
}
