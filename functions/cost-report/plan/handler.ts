import { makeHandler } from '../../shared/handler/handler.ts';
import { CostReport } from '../config.ts';
import { CostPlanInput, planCostReport } from './plan.ts';

export const handler = makeHandler({
  playbook: 'cost-report',
  config: { costReport: CostReport },
  input: CostPlanInput,
  run: async (input, { config, now }) => planCostReport(input, config.playbooks.costReport.schedule.timezone, now()),
});
