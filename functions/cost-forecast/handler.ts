import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import * as z from 'zod';
import { CostPlan } from '../cost-plan/plan.ts';
import { COST_EXPLORER_REGION } from '../cost-usage/cost-explorer.ts';
import { awsClient } from '../shared/aws.ts';
import { makeHandler } from '../shared/handler.ts';
import { readForecast } from './forecast.ts';

export const handler = makeHandler({
  playbook: 'cost-report',
  input: z.object({ plan: CostPlan }),
  run: async ({ plan }) => readForecast(awsClient(CostExplorerClient, COST_EXPLORER_REGION), plan),
});
