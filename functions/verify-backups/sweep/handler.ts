import { EC2Client } from '@aws-sdk/client-ec2';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { accountOfExecution, makeHandler } from '../../shared/handler/handler.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { type Deletion, deleteTestCopy } from '../cleanup/delete.ts';
import { VerifyBackups } from '../config.ts';
import { earlierRuns, historyKey } from '../history.ts';
import { findLeftovers } from './leftovers.ts';

const Input = z.object({ dryRun: z.boolean(), regions: z.array(z.string()).min(1), startedAt: z.string().min(1) });

export const handler = makeHandler({
  playbook: 'verify-backups',
  config: { verifyBackups: VerifyBackups },
  input: Input,
  run: async ({ dryRun, regions, startedAt }, { config, runtime, execution, audit, now }) => {
    const settings = config.playbooks.verifyBackups;
    const runs = await earlierRuns(
      awsClient(S3Client, config.regions[0]),
      runtime.reportsBucket,
      settings.trendRuns,
      historyKey(startedAt, execution.Name),
    );
    const recorder = new Recorder(dryRun);
    const swept: (Deletion & { from: string })[] = [];
    const cutoff = new Date(now().getTime() - settings.sweepAfterHours * 3_600_000);
    await recordedStep(audit, recorder, async () => {
      for (const region of regions) {
        const clients = {
          ec2: awsClient(EC2Client, region),
          rds: awsClient(RDSClient, region),
          s3: awsClient(S3Client, region),
        };
        let leftovers: Awaited<ReturnType<typeof findLeftovers>>;
        try {
          leftovers = await findLeftovers(clients, runs, {
            region,
            accountId: accountOfExecution(execution.Id),
            executionName: execution.Name,
            cutoff,
          });
        } catch (error) {
          // A region the sweep cannot look into is a finding of the run, not a reason to skip the restore tests.
          swept.push({
            resource: `leftovers in ${region}`,
            outcome: 'failed',
            detail: `${(error as Error).name}: ${(error as Error).message}`.slice(0, 300),
            from: 'sweep',
          });
          continue;
        }
        for (const leftover of leftovers) {
          swept.push({
            ...(await deleteTestCopy(clients, leftover.restored, leftover.proof, recorder)),
            from: leftover.from,
          });
        }
      }
    });
    return { swept, actions: audit.records };
  },
});
