// cost-report's block under `playbooks.costReport` in config/*.yml.
import * as z from 'zod';
import { Severity, scheduleWithDefault } from '../shared/config/primitives.ts';

export const CostReport = z.strictObject({
  /** Daily run; its time zone also decides which day is "today" and so which month is reported. */
  schedule: scheduleWithDefault('cron(0 7 * * ? *)'),
  /** Monthly budget (USD, spend before credits and refunds) the projected month is compared with; none: no alert. */
  monthlyBudgetUsd: z.number().positive().optional(),
  /** Severity of the notice when the projected month exceeds the budget (PagerDuty pages at its minSeverity). */
  budgetAlertSeverity: Severity.default('SEV3'),
  /** The chart stacks this many top services per day and sums the rest as "Other". */
  chartTopServices: z.number().int().min(1).max(20).default(8),
  /** How many top movers the report lists per comparison (day over day, same days last month). */
  topMovers: z.number().int().min(1).max(20).default(5),
  /** Anomalies whose total impact (USD) is below this are not asked for. */
  minAnomalyImpactUsd: z.number().min(0).default(1),
});

/** The block with its defaults applied. */
export type CostReportSettings = z.output<typeof CostReport>;
