// Starts a failover: checks the request, resolves the topology, and (unless it only checks readiness) takes the
// failover lock of the stage, so a second execution is refused with the name of the running one. Nothing else runs
// before this.
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { acquireLock, lockedMessage } from '../../shared/claims/locks.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { checkExecutionInput } from '../../shared/playbook/input.ts';
import { RegionalFailover } from '../config.ts';
import { FailoverLockedError } from '../errors.ts';
import manifest from '../playbook.ts';
import { topologyOf } from '../topology.ts';
import type { FailoverInput } from './input.ts';

const Input = z.object({
  input: z.record(z.string(), z.unknown(), { error: 'the execution input must be a JSON object' }),
});

/** The lock every failover of a stage takes (maintenance-window looks for it too). */
export const lockTarget = (stage: string) => `failover:${stage}`;

export const handler = makeHandler({
  playbook: 'regional-failover',
  config: { regionalFailover: RegionalFailover },
  input: Input,
  run: async ({ input }, { config, runtime, execution, now }) => {
    const request = checkExecutionInput(manifest, input, config) as FailoverInput;
    const settings = config.playbooks.regionalFailover;
    const topology = topologyOf(settings, config.regions);
    const readinessOnly = request.dryRun || request.trigger === 'schedule';
    const target = lockTarget(runtime.stage);
    if (!readinessOnly) {
      const taken = await acquireLock(awsClient(S3Client, config.regions[0]), runtime.reportsBucket, {
        target,
        playbook: 'regional-failover',
        executionId: execution.Id,
        executionName: execution.Name,
        ttlSeconds: settings.lockTtlSeconds,
        now: now(),
      });
      if (!taken.acquired) throw new FailoverLockedError(lockedMessage(taken.holder));
    }
    const polls = (minutes: number) => Math.max(1, Math.ceil((minutes * 60) / settings.pollSeconds));
    return {
      mode: request.mode ?? 'planned',
      dryRun: request.dryRun,
      scheduled: request.trigger === 'schedule',
      readinessOnly,
      primaryRegion: topology.primaryRegion,
      secondaryRegion: topology.secondaryRegion,
      lockTarget: readinessOnly ? null : target,
      startedAt: execution.StartTime,
      pollSeconds: settings.pollSeconds,
      maxPolls: {
        capacity: polls(settings.timeoutMinutes.capacity),
        database: polls(settings.timeoutMinutes.database),
        dns: polls(settings.timeoutMinutes.dns),
        healthCheck: polls(settings.timeoutMinutes.healthCheck),
      },
      approvalTimeoutSeconds: settings.approvalTimeoutSeconds,
    };
  },
});
