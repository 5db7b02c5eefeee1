import * as z from 'zod';
import { accountOfExecution, makeHandler } from '../../shared/handler/handler.ts';
import { CostPlan } from '../plan/plan.ts';
import { costExplorerOf } from '../usage/client.ts';
import { configuredNames, hasOtherAccounts, readAccountSpend, singleAccount } from './accounts.ts';

export const handler = makeHandler({
  playbook: 'cost-report',
  input: z.object({ plan: CostPlan }),
  run: async ({ plan }, { config, execution }) => {
    const home = accountOfExecution(execution.Id);
    if (!hasOtherAccounts(config.accounts, home)) return singleAccount();
    return readAccountSpend(costExplorerOf(config), plan, configuredNames(config.accounts, home));
  },
});
