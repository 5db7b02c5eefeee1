import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { CostPlan } from '../plan/plan.ts';
import { costExplorerOf } from '../usage/client.ts';
import { readForecast } from './forecast.ts';

export const handler = makeHandler({
  playbook: 'cost-report',
  input: z.object({ plan: CostPlan }),
  run: async ({ plan }, { config }) => readForecast(costExplorerOf(config), plan),
});
