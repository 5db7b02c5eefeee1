import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { CostPlan } from '../plan/plan.ts';
import { costExplorerOf } from './client.ts';
import { readSpend } from './read.ts';

export const handler = makeHandler({
  playbook: 'cost-report',
  input: z.object({ plan: CostPlan }),
  run: async ({ plan }, { config }) => readSpend(costExplorerOf(config), plan),
});
