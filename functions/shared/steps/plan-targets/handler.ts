// The first step of a fan-out playbook: resolves account x region targets and writes them for the Distributed Map.
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { resolveAccounts } from '../../accounts/resolve.ts';
import { awsClient } from '../../aws/clients.ts';
import { InvalidInputError } from '../../errors/errors.ts';
import { putJson, targetsKey } from '../../fanout/targets.ts';
import { accountOfExecution, formatIssues, makeHandler } from '../../handler/handler.ts';
import { PlanTargetsInput, planTargets } from './plan.ts';

const Input = z.object({
  /** The playbook fanning out (its work files live under work/<playbook>/). */
  playbook: z.string().regex(/^[a-z-]+$/),
  /** The execution input as started ($$.Execution.Input). */
  input: z.record(z.string(), z.unknown()),
});

export const handler = makeHandler({
  playbook: 'shared',
  input: Input,
  run: async ({ playbook, input }, { config, runtime, execution }) => {
    const { execution: _execution, ...raw } = input;
    const parsed = PlanTargetsInput.safeParse(raw);
    if (!parsed.success) throw new InvalidInputError(formatIssues(parsed.error));
    // Organizations answers in us-east-1 (its one endpoint in the aws partition).
    const accounts = await resolveAccounts(config, accountOfExecution(execution.Id), () =>
      awsClient(OrganizationsClient, 'us-east-1'),
    );
    const plan = planTargets(parsed.data, accounts, config);
    const key = targetsKey(playbook, execution.Name);
    await putJson(awsClient(S3Client, config.regions[0]), runtime.reportsBucket, key, plan.targets);
    const { targets, ...rest } = plan;
    return { ...rest, count: targets.length, targets: { bucket: runtime.reportsBucket, key } };
  },
});
