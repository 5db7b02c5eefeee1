import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { CostPlan } from '../plan/plan.ts';
import { COST_EXPLORER_REGION } from '../usage/cost-explorer.ts';
import { readForecast } from './forecast.ts';

export const handler = makeHandler({
  playbook: 'cost-report',
  input: z.object({ plan: CostPlan }),
  run: async ({ plan }) => readForecast(awsClient(CostExplorerClient, COST_EXPLORER_REGION), plan),
});
