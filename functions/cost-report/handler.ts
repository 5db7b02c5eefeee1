import * as z from 'zod';
import type { AnomalyReading } from '../cost-anomalies/anomalies.ts';
import type { ForecastReading } from '../cost-forecast/forecast.ts';
import { CostPlan } from '../cost-plan/plan.ts';
import type { SavingsReading } from '../cost-savings/savings.ts';
import type { SpendReading } from '../cost-usage/read.ts';
import { makeHandler } from '../shared/handler.ts';
import { publishReport } from '../shared/publish.ts';
import type { Reading } from './analyze.ts';
import { buildCostReport } from './report.ts';

/** A reading step's result, or the {status: 'error', error} its Catch put in its place. */
const reading = <T>() =>
  z.custom<Reading<T>>((value) => typeof value === 'object' && value !== null && 'status' in value, {
    message: 'a reading ({status, ...}) or a caught error ({status: "error", error})',
  });

const Input = z.object({
  plan: CostPlan,
  spend: reading<SpendReading>(),
  forecast: reading<ForecastReading>(),
  anomalies: reading<AnomalyReading>(),
  savings: reading<SavingsReading>(),
});

export const handler = makeHandler({
  playbook: 'cost-report',
  input: Input,
  run: async ({ plan, ...readings }, ctx) => {
    const { analysis, json, html, csv, notice } = buildCostReport(plan, readings, ctx.config.playbooks.costReport);
    const published = await publishReport('cost-report', { json, html, csv }, notice, ctx);
    return {
      summary: notice.title,
      month: plan.month,
      budgetExceeded: analysis.budget?.exceeded ?? false,
      failedSteps: analysis.failedSteps.map((step) => step.step),
      costExplorerRequests: analysis.costExplorer.requests,
      ...published,
    };
  },
});
