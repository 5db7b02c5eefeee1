// Starts one restore test: reads the recorded metadata, applies the isolation overrides, StartRestoreJob with an
// idempotency token of this run and point (a retried step starts no second job). A dry run says what it would
// restore where, and starts nothing.
import { BackupClient, GetRecoveryPointRestoreMetadataCommand, StartRestoreJobCommand } from '@aws-sdk/client-backup';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { accountOfExecution, makeHandler } from '../../shared/handler/handler.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { VerifyBackups } from '../config.ts';
import type { Candidate } from '../plan/select.ts';
import { restoreMetadata, testName } from './metadata.ts';

const Input = z.object({
  dryRun: z.boolean(),
  item: z.custom<Candidate>((value) => typeof value === 'object' && value !== null && 'recoveryPointArn' in value),
});

export const handler = makeHandler({
  playbook: 'verify-backups',
  config: { verifyBackups: VerifyBackups },
  input: Input,
  run: async ({ dryRun, item }, { config, execution, audit, now }) => {
    const settings = config.playbooks.verifyBackups;
    const backup = awsClient(BackupClient, item.region);
    const accountId = accountOfExecution(execution.Id);
    const recorded = await backup.send(
      new GetRecoveryPointRestoreMetadataCommand({
        BackupVaultName: item.vault,
        RecoveryPointArn: item.recoveryPointArn,
      }),
    );
    const metadata = restoreMetadata(item, recorded.RestoreMetadata ?? {}, settings, accountId);
    const roleArn = `arn:aws:iam::${accountId}:role/${settings.restoreRoleName}`;
    const recorder = new Recorder(dryRun);
    const startedAt = now().toISOString();
    const started = await recordedStep(audit, recorder, () =>
      recorder.act(
        {
          action: 'backup:StartRestoreJob',
          resource: item.recoveryPointArn,
          region: item.region,
          detail: { resourceType: item.resourceType, target: testName(item, accountId), vault: item.vault },
        },
        () =>
          backup.send(
            new StartRestoreJobCommand({
              RecoveryPointArn: item.recoveryPointArn,
              ResourceType: item.resourceType,
              Metadata: metadata,
              IamRoleArn: roleArn,
              IdempotencyToken: `${execution.Name}/${item.id}`.slice(0, 128),
            }),
          ),
        { resultDetail: (output) => ({ restoreJobId: output.RestoreJobId }) },
      ),
    );
    return {
      started: !dryRun,
      restoreJobId: started?.RestoreJobId ?? null,
      target: testName(item, accountId),
      startedAt,
      actions: audit.records,
    };
  },
});
