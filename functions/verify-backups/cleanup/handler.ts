// The end of every restore test, passed, failed or broken half-way (the Map iteration's Catch comes here too):
// deletes the test copy (a restore job still running is looked at once more; if it is still not done, the next
// run's sweep deletes what it creates) and sums the test up for the report.
import { BackupClient, DescribeRestoreJobCommand } from '@aws-sdk/client-backup';
import { EC2Client } from '@aws-sdk/client-ec2';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { restoredOf } from '../restored.ts';
import { type Deletion, deleteTestCopy } from './delete.ts';
import { type ItemState, itemOutcome } from './outcome.ts';

const Input = z.object({
  state: z.custom<ItemState>((value) => typeof value === 'object' && value !== null && 'item' in value),
});

/** The created resource: from the last look, or one more DescribeRestoreJob when the job was not done then. */
async function createdResource(state: ItemState): Promise<{ arn?: string; pending: boolean }> {
  if (state.restore?.createdResourceArn) return { arn: state.restore.createdResourceArn, pending: false };
  const jobId = state.start?.restoreJobId;
  if (!jobId || ['FAILED', 'ABORTED'].includes(state.restore?.status ?? '')) return { pending: false };
  const job = await awsClient(BackupClient, state.item.region).send(
    new DescribeRestoreJobCommand({ RestoreJobId: jobId }),
  );
  if (job.CreatedResourceArn) return { arn: job.CreatedResourceArn, pending: false };
  return { pending: job.Status === 'PENDING' || job.Status === 'RUNNING' };
}

export const handler = makeHandler({
  playbook: 'verify-backups',
  input: Input,
  run: async ({ state }, { audit }) => {
    const region = state.item.region;
    const recorder = new Recorder(state.dryRun);
    const cleanup: Deletion[] = [];
    let pendingJob: string | null = null;
    if (!state.dryRun) {
      const created = await createdResource(state);
      if (created.pending) pendingJob = state.start?.restoreJobId ?? null;
      const restored = created.arn ? restoredOf(created.arn, region) : undefined;
      if (restored) {
        cleanup.push(
          await recordedStep(audit, recorder, () =>
            deleteTestCopy(
              { ec2: awsClient(EC2Client, region), rds: awsClient(RDSClient, region), s3: awsClient(S3Client, region) },
              restored,
              'restore-job',
              recorder,
            ),
          ),
        );
      }
    }
    const earlier = [
      ...(state.start?.actions ?? []),
      ...(state.restore?.actions ?? []),
      ...(state.validation?.actions ?? []),
    ];
    return itemOutcome(state, cleanup, pendingJob, [...earlier, ...audit.records]);
  },
});
