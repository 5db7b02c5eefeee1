import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { acquireLock, lockedMessage } from '../../shared/claims/locks.ts';
import { AutopilotError, InvalidInputError } from '../../shared/errors/errors.ts';
import { formatIssues, makeHandler } from '../../shared/handler/handler.ts';
import { ScaleCapacity } from '../config.ts';
import { clientsIn } from '../targets/clients.ts';
import type { ScalePlan } from '../targets/kinds.ts';
import { snapshot } from '../targets/read.ts';
import { changeOf, checkRequest, lockTargetOf, subjectOf } from './bounds.ts';
import { ManualInput } from './input.ts';

/** Another execution is changing this capacity; nothing was changed. */
export class CapacityLockedError extends AutopilotError {}

const Input = z.object({
  input: z.record(z.string(), z.unknown(), { error: 'the execution input must be a JSON object' }),
});

export const handler = makeHandler({
  playbook: 'scale-capacity',
  config: { scaleCapacity: ScaleCapacity },
  input: Input,
  run: async ({ input }, { config, runtime, execution, now }): Promise<ScalePlan> => {
    const settings = config.playbooks.scaleCapacity;
    const parsed = ManualInput.safeParse(input);
    if (!parsed.success) throw new InvalidInputError(formatIssues(parsed.error));
    const request = parsed.data;
    if (request.region && !config.regions.includes(request.region)) {
      throw new InvalidInputError(
        `input.region: ${request.region} not configured (allowed: ${config.regions.join(', ')})`,
      );
    }
    const subject = subjectOf(request, config.regions[0]);
    checkRequest(request, subject, settings);
    const before = await snapshot(clientsIn(subject.region), subject);
    const change = changeOf(request, subject, before, settings, execution.Name);
    const lockTarget = lockTargetOf(subject);
    const lockTtlSeconds = settings.waitSeconds * settings.maxPolls + 1800;
    if (!request.dryRun) {
      const lock = await acquireLock(awsClient(S3Client, config.regions[0]), runtime.reportsBucket, {
        target: lockTarget,
        playbook: 'scale-capacity',
        executionId: execution.Id,
        executionName: execution.Name,
        ttlSeconds: lockTtlSeconds,
        now: now(),
      });
      if (!lock.acquired) throw new CapacityLockedError(lockedMessage(lock.holder));
    }
    return {
      subject,
      before,
      change,
      lockTarget,
      lockTtlSeconds,
      waitSeconds: request.dryRun ? 0 : settings.waitSeconds,
      maxPolls: settings.maxPolls,
      ...(request.reason ? { reason: request.reason } : {}),
      dryRun: request.dryRun,
    };
  },
});
