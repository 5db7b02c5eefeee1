import { RDSClient } from '@aws-sdk/client-rds';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import type { DatabasePlan } from '../plan/plan.ts';
import { restoreCluster } from './restore.ts';

const Input = z.object({
  dryRun: z.boolean(),
  database: z.custom<DatabasePlan>(
    (value) => typeof value === 'object' && value !== null && 'targetClusterId' in value,
  ),
});

export const handler = makeHandler({
  playbook: 'point-in-time-restore',
  input: Input,
  run: async ({ dryRun, database }, { audit, execution }) => {
    const recorder = new Recorder(dryRun);
    const result = await recordedStep(audit, recorder, () =>
      restoreCluster(awsClient(RDSClient, database.region), database, execution.Name, recorder),
    );
    return { ...result, actions: audit.records };
  },
});
