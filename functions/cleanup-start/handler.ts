import { PLAYBOOK } from '../cleanup-common/model.ts';
import { makeHandler } from '../shared/handler.ts';
import { resolveRun, StartInput } from './start.ts';

export const handler = makeHandler({
  playbook: PLAYBOOK,
  input: StartInput,
  run: async (input, { config }) => resolveRun(input, config),
});
