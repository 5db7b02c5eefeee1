import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { CostReport } from '../config.ts';
import { CostPlan } from '../plan/plan.ts';
import { costExplorerOf } from '../usage/client.ts';
import { readAnomalies } from './anomalies.ts';

export const handler = makeHandler({
  playbook: 'cost-report',
  config: { costReport: CostReport },
  input: z.object({ plan: CostPlan }),
  run: async ({ plan }, { config }) =>
    readAnomalies(costExplorerOf(config), plan, config.playbooks.costReport.minAnomalyImpactUsd),
});
