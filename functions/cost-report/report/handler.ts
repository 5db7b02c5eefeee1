import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import type { AccountSpendReading } from '../accounts/accounts.ts';
import type { AnomalyReading } from '../anomalies/anomalies.ts';
import { CostReport } from '../config.ts';
import type { ForecastReading } from '../forecast/forecast.ts';
import { CostPlan } from '../plan/plan.ts';
import type { SavingsReading } from '../savings/savings.ts';
import type { SpendReading } from '../usage/read.ts';
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
  accounts: reading<AccountSpendReading>().optional(),
});

export const handler = makeHandler({
  playbook: 'cost-report',
  config: { costReport: CostReport },
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
