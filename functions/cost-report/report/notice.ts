// The one message a human reads: the month's spend with the link to the report, an alert when the projected
// month exceeds the budget, and a plain statement when Cost Explorer did not answer.
import type { Severity } from '../../shared/config/config.ts';
import type { Notice } from '../../shared/notify/message.ts';
import { accountFacts, spikeSentence } from './accounts.ts';
import type { CostAnalysis } from './analyze.ts';
import { budgetVerb, percent, signedUsd, usd, wholeUsd } from './format.ts';

export type CostNotice = Omit<Notice, 'playbook' | 'link'>;

function facts(analysis: CostAnalysis): Record<string, string | number> {
  const { totals, unit, projection, budget, anomalies, movers, savings, costExplorer, plan, newServices, days } =
    analysis;
  const result: Record<string, string | number> = {
    'Spend (before credits and refunds)': usd(totals.spend, unit),
    'Credits and refunds': usd(totals.credits + totals.refunds, unit),
  };
  if (projection) result['Projected month'] = usd(projection.projectedUsd, unit);
  if (budget) result.Budget = usd(budget.budgetUsd, unit);
  result['Anomalies (last 7 days)'] =
    anomalies.status === 'error'
      ? `unknown (${anomalies.message})`
      : anomalies.items.length
        ? `${anomalies.items.length}, largest ${anomalies.items[0].service ?? anomalies.items[0].dimension} ${usd(anomalies.items[0].totalImpactUsd)}`
        : 'none';
  const monthMover = movers.sameDaysLastMonth[0];
  if (monthMover) {
    result[`Top mover vs same days of ${plan.comparisonMonth}`] =
      `${monthMover.service} ${signedUsd(monthMover.change, unit)} (${percent(monthMover.changePct)})`;
  }
  const dayMover = movers.dayOverDay?.movers[0];
  if (dayMover && movers.dayOverDay) {
    result[`Top mover ${movers.dayOverDay.date} vs day before`] =
      `${dayMover.service} ${signedUsd(dayMover.change, unit)} (${percent(dayMover.changePct)})`;
  }
  Object.assign(result, accountFacts(analysis.accounts));
  if (newServices.length)
    result['New services'] = newServices.map((item) => `${item.service} (${item.since})`).join(', ');
  result['Cleanup savings realised'] =
    savings.status === 'error' ? 'unknown' : `${usd(savings.realisedMonthlySavingsUsd)} per month`;
  const provisional = days.filter((day) => day.provisional).map((day) => day.date);
  if (provisional.length) result['Provisional days'] = provisional.join(', ');
  result['Cost Explorer requests'] =
    `${costExplorer.atLeast ? 'at least ' : ''}${costExplorer.requests} (${usd(costExplorer.costUsd)})`;
  return result;
}

export function costNotice(analysis: CostAnalysis, budgetAlertSeverity: Severity): CostNotice {
  const { plan, totals, unit, budget, projection, failedSteps, notes } = analysis;
  const toDate = plan.complete ? '' : ' to date';
  const spendFailed = failedSteps.find((step) => step.step === 'GetCostAndUsage');
  if (budget?.exceeded) {
    const projected = budget.projectedUsd ?? totals.spend;
    return {
      kind: 'alert',
      severity: budgetAlertSeverity,
      title: `Budget alert: ${plan.monthName} ${budgetVerb(plan.complete, Boolean(projection))} ${wholeUsd(projected, unit)}, over the ${wholeUsd(budget.budgetUsd, unit)} budget`,
      impact: `${usd(budget.overByUsd, unit)} (${percent(budget.overByUsd / budget.budgetUsd)}) over the monthly budget${projection && !plan.complete ? `; projection: ${projection.basis}` : ''}`,
      status: [spikeSentence(analysis.accounts), 'Review the top movers and anomalies in the report']
        .filter(Boolean)
        .join(' '),
      nextUpdate: 'With the next daily cost report',
      dedupKey: `cost-report-budget-${plan.month}`,
      facts: facts(analysis),
    };
  }
  if (spendFailed) {
    return {
      kind: 'report',
      severity: 'SEV3',
      title: `Cost report for ${plan.monthName} incomplete: Cost Explorer error (${spendFailed.error})`,
      status: `${spendFailed.message}. The report lists what could still be read.`,
      facts: facts(analysis),
    };
  }
  const noData = analysis.spendStatus !== 'ok' && !spendFailed;
  if (noData) {
    return {
      kind: 'report',
      severity: 'SEV4',
      title: `No AWS cost data for ${plan.monthName}${toDate}`,
      status: notes.slice(0, 3).join(' '),
      facts: facts(analysis),
    };
  }
  const projected = projection ? `, projected ${wholeUsd(projection.projectedUsd, unit)}` : '';
  const budgetText = budget ? ` (budget ${wholeUsd(budget.budgetUsd, unit)})` : '';
  return {
    kind: 'report',
    severity: failedSteps.length ? 'SEV3' : 'SEV4',
    title: `AWS spend ${plan.monthName}${toDate}: ${wholeUsd(totals.spend, unit)}${projected}${budgetText}`,
    status: notes.length ? notes.slice(0, 3).join(' ') : 'Complete',
    facts: facts(analysis),
  };
}
