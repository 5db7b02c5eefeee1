import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { CostReport } from '../config.ts';
import { CostPlan } from '../plan/plan.ts';
import { COST_EXPLORER_REGION } from '../usage/cost-explorer.ts';
import { readAnomalies } from './anomalies.ts';

export const handler = makeHandler({
  playbook: 'cost-report',
  config: { costReport: CostReport },
  input: z.object({ plan: CostPlan }),
  run: async ({ plan }, { config }) =>
    readAnomalies(
      awsClient(CostExplorerClient, COST_EXPLORER_REGION),
      plan,
      config.playbooks.costReport.minAnomalyImpactUsd,
    ),
});
