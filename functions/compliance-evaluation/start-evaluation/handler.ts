import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { ComplianceEvaluation } from '../config.ts';
import { startEvaluation } from './start.ts';

const Input = z.object({
  target: z.object({ accountId: z.string().regex(/^\d{12}$/), accountName: z.string(), region: z.string().min(1) }),
  dryRun: z.boolean().default(false),
});

/** One target of the fan-out (an account's region): starts its active rules' evaluation, with its member role. */
export const handler = makeHandler({
  playbook: 'compliance-evaluation',
  config: { complianceEvaluation: ComplianceEvaluation },
  input: Input,
  run: async ({ target, dryRun }, { config, audit, now }) => {
    const settings = config.playbooks.complianceEvaluation;
    audit.actIn(target.accountId);
    const started = await startEvaluation(
      awsClient(ConfigServiceClient, target.region, { account: target.accountId }),
      audit,
      { region: target.region, account: target.accountId, dryRun, ruleNamePrefixes: settings.ruleNamePrefixes },
      now,
    );
    return {
      ...started,
      ruleCount: started.ruleNames.length,
      dryRun,
      // The state machine's polling loop reads these: orchestration stays in the state machine.
      waitSeconds: dryRun ? 0 : settings.evaluationWaitSeconds,
      maxPolls: settings.maxPolls,
      actions: audit.records,
    };
  },
});
