import { makeHandler } from '../../shared/handler/handler.ts';
import { NightlyCleanup } from '../config.ts';
import { PLAYBOOK } from '../model/model.ts';
import { resolveRun, StartInput } from './start.ts';

export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { nightlyCleanup: NightlyCleanup },
  input: StartInput,
  run: async (input, { config }) => resolveRun(input, config),
});
