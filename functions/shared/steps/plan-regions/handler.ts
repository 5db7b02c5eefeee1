import { makeHandler } from '../../handler/handler.ts';
import { PlanInput, planRegions } from './plan.ts';

export const handler = makeHandler({
  playbook: 'shared',
  input: PlanInput,
  run: async (input, { config }) => planRegions(input, config),
});
