import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import * as z from 'zod';
import { CostPlan } from '../cost-plan/plan.ts';
import { COST_EXPLORER_REGION } from '../cost-usage/cost-explorer.ts';
import { awsClient } from '../shared/aws.ts';
import { makeHandler } from '../shared/handler.ts';
import { readAnomalies } from './anomalies.ts';

export const handler = makeHandler({
  playbook: 'cost-report',
  input: z.object({ plan: CostPlan }),
  run: async ({ plan }, { config }) =>
    readAnomalies(
      awsClient(CostExplorerClient, COST_EXPLORER_REGION),
      plan,
      config.playbooks.costReport.minAnomalyImpactUsd,
    ),
});
