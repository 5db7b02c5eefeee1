import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { ComplianceEvaluation } from '../config.ts';
import { startEvaluation } from './start.ts';

const Input = z.object({ region: z.string().min(1), dryRun: z.boolean().default(false) });

export const handler = makeHandler({
  playbook: 'compliance-evaluation',
  config: { complianceEvaluation: ComplianceEvaluation },
  input: Input,
  run: async ({ region, dryRun }, { config, audit, now }) => {
    const settings = config.playbooks.complianceEvaluation;
    const started = await startEvaluation(
      awsClient(ConfigServiceClient, region),
      audit,
      { region, dryRun, ruleNamePrefixes: settings.ruleNamePrefixes },
      now,
    );
    return {
      ...started,
      dryRun,
      // The state machine's polling loop reads these: orchestration stays in the state machine.
      waitSeconds: dryRun ? 0 : settings.evaluationWaitSeconds,
      maxPolls: settings.maxPolls,
      actions: audit.records,
    };
  },
});
