import { EC2Client } from '@aws-sdk/client-ec2';
import { RDSClient } from '@aws-sdk/client-rds';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import type { AuditRecord } from '../../shared/audit/audit.ts';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { VerifyBackups } from '../config.ts';
import type { Candidate } from '../plan/select.ts';
import { restoredOf } from '../restored.ts';
import { runTags } from '../tags.ts';
import { validateRestored } from './validate.ts';

const Input = z.object({
  item: z.custom<Candidate>((value) => typeof value === 'object' && value !== null && 'region' in value),
  createdResourceArn: z.string().min(1),
  runStartedAt: z.string().min(1),
  poll: z.number().int().min(0),
  /** What the earlier looks did (each look returns all of them). */
  actions: z.array(z.custom<AuditRecord>()).default([]),
});

export const handler = makeHandler({
  playbook: 'verify-backups',
  config: { verifyBackups: VerifyBackups },
  input: Input,
  run: async ({ item, createdResourceArn, runStartedAt, poll, actions }, { config, audit, execution, now }) => {
    const restored = restoredOf(createdResourceArn, item.region);
    if (!restored) {
      return {
        status: 'FAILED',
        message: `the restore created ${createdResourceArn}, not a resource it can validate`,
        poll: poll + 1,
        actions,
      };
    }
    const region = item.region;
    const recorder = new Recorder(false);
    const validation = await recordedStep(audit, recorder, () =>
      validateRestored(
        {
          ec2: awsClient(EC2Client, region),
          rds: awsClient(RDSClient, region),
          rdsData: awsClient(RDSDataClient, region),
          s3: awsClient(S3Client, region),
        },
        restored,
        config.playbooks.verifyBackups,
        recorder,
        runTags(execution.Name, runStartedAt),
      ),
    );
    return { ...validation, poll: poll + 1, at: now().toISOString(), actions: [...actions, ...audit.records] };
  },
});
