// One look at the restored cluster: once it is available its instance is created (the restore creates only the
// cluster), then the instance is watched until available. The state machine calls this between waits.
import { RDSClient } from '@aws-sdk/client-rds';
import * as z from 'zod';
import type { AuditRecord } from '../../shared/audit/audit.ts';
import { awsClient } from '../../shared/aws/clients.ts';
import { advanceClusterInstance } from '../../shared/dr/cluster-instance.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import type { DatabasePlan } from '../plan/plan.ts';
import { restoreTags } from '../tags.ts';

const Input = z.object({
  dryRun: z.boolean(),
  database: z.custom<DatabasePlan>(
    (value) => typeof value === 'object' && value !== null && 'targetClusterId' in value,
  ),
  poll: z.number().int().min(0).default(0),
  /** What the earlier looks did (carried along: each look returns all of them). */
  actions: z.array(z.custom<AuditRecord>()).default([]),
});

export const handler = makeHandler({
  playbook: 'point-in-time-restore',
  input: Input,
  run: async ({ dryRun, database, poll, actions }, { audit, execution, now }) => {
    if (dryRun) return { phase: 'available', dryRun: true, poll: poll + 1, actions };
    const recorder = new Recorder(false);
    const progress = await recordedStep(audit, recorder, () =>
      advanceClusterInstance(
        awsClient(RDSClient, database.region),
        {
          region: database.region,
          clusterId: database.targetClusterId,
          instanceId: database.instanceId,
          instanceClass: database.instanceClass,
          tags: restoreTags(database, execution.Name),
        },
        recorder,
      ),
    );
    return { ...progress, poll: poll + 1, at: now().toISOString(), actions: [...actions, ...audit.records] };
  },
});
