// The report of a shift (JSON + HTML) and its notice, whatever the outcome: promoted, rolled back (the judgement that
// failed, with its numbers), restored after a stopped execution, refused before any change, or a dry run. Everything
// here comes from the run record and the steps' audit records, so it claims only what was read back.
import type { AuditRecord } from '../../shared/audit/audit.ts';
import type { Severity } from '../../shared/config/config.ts';
import type { Notice } from '../../shared/notify/message.ts';
import { escapeHtml, htmlPage } from '../../shared/reports/html.ts';
import { type Judgement, judgementText } from '../judge/judge.ts';
import type { Plan } from './plan.ts';
import type { RunRecord } from './record.ts';

export type Outcome = 'promoted' | 'dry-run' | 'rolled-back' | 'restored' | 'refused';

export interface ReportInput {
  outcome: Outcome;
  plan?: Plan;
  record?: RunRecord;
  /** Why it rolled back or was refused (an error message, the judgement's reasons). */
  reason?: string;
  failedJudgement?: Judgement;
  actions: AuditRecord[];
  severity: Severity;
  /** The request as it came, to name what was refused when there is no plan. */
  request?: Record<string, unknown>;
}

function subjectOf(input: Pick<ReportInput, 'plan' | 'request'>): string {
  const { plan, request } = input;
  if (plan) return `${plan.service ?? plan.green.name} (${plan.blue.name} → ${plan.green.name})`;
  const named = request?.service ?? request?.ruleArn;
  return typeof named === 'string' ? named : 'a traffic shift';
}

function titleOf(input: ReportInput): string {
  const { plan, outcome, failedJudgement } = input;
  const subject = () => subjectOf(input);
  switch (outcome) {
    case 'promoted':
      return `${subject()}: green promoted to 100% (${plan!.mode}, steps ${plan!.steps.join('/')})`;
    case 'dry-run':
      return `Dry run: ${subject()} would shift ${plan!.steps.join('/')}% to green (${plan!.mode}); nothing changed`;
    case 'rolled-back':
      return `${subject()}: rolled back${failedJudgement ? ` at ${failedJudgement.percent}%` : ''}, blue at 100%: ${(input.reason ?? '').slice(0, 160)}`;
    case 'restored':
      return `${subject()}: the stopped shift is undone, blue at 100%`;
    case 'refused':
      return `traffic-shift refused ${subject()}: ${(input.reason ?? '').slice(0, 200)}`;
  }
}

/** A table with `headers` over `rows` (HTML rows), or `none` as a sentence when there are no rows. */
function tableOrNone(headers: string[], rows: string, none: string): string {
  if (!rows) return `<p>${escapeHtml(none)}</p>`;
  return `<table><tr>${headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')}</tr>${rows}</table>`;
}

/** The report (JSON + HTML), its notice and title, for any outcome of a shift. */
export function renderReport(input: ReportInput) {
  const { plan, record, outcome } = input;
  const judgements = record?.judgements ?? [];
  const title = titleOf(input);
  const report = {
    playbook: 'traffic-shift',
    outcome,
    reason: input.reason,
    service: plan?.service,
    mode: plan?.mode,
    ruleArn: plan?.ruleArn,
    blue: plan?.blue.arn,
    green: plan?.green.arn,
    steps: plan?.steps,
    guards: plan?.guards,
    allowFiringAlarms: plan?.allowFiringAlarms,
    smokeTests: record?.smoke ?? [],
    canaryRuleArn: record?.canaryRuleArn,
    judgements,
    failedJudgement: input.failedJudgement,
    blueScaledDown: record?.blueScaledDown,
    savedRuleActions: plan?.savedActions,
    actions: input.actions,
  };
  const rows = judgements
    .map(
      (j) =>
        `<tr class="${j.verdict === 'fail' ? 'bad' : ''}"><td class="num">${j.percent}%</td><td>${escapeHtml(j.verdict)}</td><td class="num">${j.green.requests}</td><td class="num">${j.green.errors5xx}</td><td class="num">${j.green.p99Ms ?? '-'}</td><td class="num">${j.blue.requests}</td><td class="num">${j.blue.errors5xx}</td><td class="num">${j.blue.p99Ms ?? '-'}</td><td>${escapeHtml(j.reasons.join('; '))}</td></tr>`,
    )
    .join('\n');
  const smoke = (record?.smoke ?? [])
    .map(
      (s) =>
        `<tr class="${s.passed ? '' : 'bad'}"><td>${escapeHtml(`${s.method} ${s.url}`)}</td><td class="num">${s.status ?? '-'}</td><td class="num">${s.ms}</td><td>${escapeHtml(s.excerpt)}</td></tr>`,
    )
    .join('\n');
  const html = htmlPage(
    'Traffic shift',
    `<p>${escapeHtml(title)}</p>
     ${plan?.allowFiringAlarms ? `<p class="bad">Override: guard alarms ${escapeHtml(plan.allowFiringAlarms.alarmNames.join(', '))} allowed in ALARM: ${escapeHtml(plan.allowFiringAlarms.reason)}</p>` : ''}
     <h2>Smoke tests against green</h2>
     ${tableOrNone(['Request', 'Status', 'ms', 'Response'], smoke, 'No smoke test ran.')}
     <h2>Judgements</h2>
     ${tableOrNone(['Green', 'Verdict', 'Green req', 'Green 5XX', 'Green p99 ms', 'Blue req', 'Blue 5XX', 'Blue p99 ms', 'Reasons'], rows, 'No step was judged.')}
     <h2>Actions</h2>${
       input.actions.length
         ? `<ul>${input.actions.map((a) => `<li class="long">${escapeHtml(`${a.action} ${a.resource}: ${a.outcome}`)}</li>`).join('')}</ul>`
         : '<p>No action was taken.</p>'
     }`,
  );
  const failedNumbers: Record<string, string> = input.failedJudgement
    ? { Judgement: judgementText(input.failedJudgement).slice(0, 900) }
    : {};
  const notice: Omit<Notice, 'playbook' | 'link'> = {
    kind: outcome === 'rolled-back' ? 'alert' : outcome === 'restored' ? 'update' : 'report',
    severity: input.severity,
    title,
    ...(outcome === 'rolled-back'
      ? {
          impact: `green took up to ${input.failedJudgement?.percent ?? record?.percent ?? 0}% of the rule's traffic before the rollback`,
          status: 'Rolled back: blue at 100%, green kept for investigation',
        }
      : {}),
    ...(outcome === 'restored'
      ? { status: 'Blue at 100%, the canary rule removed; green kept for investigation', rootCause: input.reason }
      : {}),
    ...(outcome === 'promoted' || outcome === 'dry-run' || outcome === 'refused'
      ? { status: outcome === 'refused' ? 'Nothing was changed' : 'Complete' }
      : {}),
    facts: {
      ...(plan ? { Rule: plan.ruleArn, Blue: plan.blue.name, Green: plan.green.name } : {}),
      ...failedNumbers,
      ...(judgements.length && outcome === 'promoted'
        ? { Judgements: judgements.map((j) => `${j.percent}% ${j.verdict} (${j.green.requests} req)`).join(', ') }
        : {}),
      ...(plan?.allowFiringAlarms
        ? { 'Alarm override': `${plan.allowFiringAlarms.alarmNames.join(', ')}: ${plan.allowFiringAlarms.reason}` }
        : {}),
    },
    dedupKey: plan ? `traffic-shift:${plan.ruleArn}` : undefined,
  };
  return { report, html, notice, title };
}
