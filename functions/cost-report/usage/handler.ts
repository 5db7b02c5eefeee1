import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { CostPlan } from '../plan/plan.ts';
import { COST_EXPLORER_REGION } from './cost-explorer.ts';
import { readSpend } from './read.ts';

export const handler = makeHandler({
  playbook: 'cost-report',
  input: z.object({ plan: CostPlan }),
  run: async ({ plan }) => readSpend(awsClient(CostExplorerClient, COST_EXPLORER_REGION), plan),
});
