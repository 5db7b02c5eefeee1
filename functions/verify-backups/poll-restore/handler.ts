// One look at a restore job (DescribeRestoreJob): PENDING and RUNNING mean wait (the state machine loops with a
// timeout); COMPLETED names the created resource, which is tagged with the run at once; FAILED and ABORTED end the
// test with AWS Backup's status message.
import { BackupClient, DescribeRestoreJobCommand } from '@aws-sdk/client-backup';
import { EC2Client } from '@aws-sdk/client-ec2';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import type { Candidate } from '../plan/select.ts';
import { restoredOf } from '../restored.ts';
import { runTags } from '../tags.ts';
import { tagRestored } from './tag.ts';

const Input = z.object({
  item: z.custom<Candidate>((value) => typeof value === 'object' && value !== null && 'region' in value),
  restoreJobId: z.string().min(1),
  runStartedAt: z.string().min(1),
  poll: z.number().int().min(0),
});

export const handler = makeHandler({
  playbook: 'verify-backups',
  input: Input,
  run: async ({ item, restoreJobId, runStartedAt, poll }, { audit, execution }) => {
    const job = await awsClient(BackupClient, item.region).send(
      new DescribeRestoreJobCommand({ RestoreJobId: restoreJobId }),
    );
    const status = job.Status ?? 'PENDING';
    const result = {
      status,
      statusMessage: job.StatusMessage ?? null,
      createdResourceArn: job.CreatedResourceArn ?? null,
      creationDate: job.CreationDate?.toISOString() ?? null,
      completionDate: job.CompletionDate?.toISOString() ?? null,
      poll: poll + 1,
    };
    const restored = job.CreatedResourceArn ? restoredOf(job.CreatedResourceArn, item.region) : undefined;
    if (status === 'COMPLETED' && restored) {
      const recorder = new Recorder(false);
      await recordedStep(audit, recorder, () =>
        tagRestored(
          {
            ec2: awsClient(EC2Client, item.region),
            rds: awsClient(RDSClient, item.region),
            s3: awsClient(S3Client, item.region),
          },
          restored,
          runTags(execution.Name, runStartedAt),
          recorder,
        ),
      );
    }
    return { ...result, actions: audit.records };
  },
});
