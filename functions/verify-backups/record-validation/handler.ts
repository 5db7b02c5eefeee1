// Reports the validation to AWS Backup (PutRestoreValidationResult), so the restore job shows it in the console and
// in AWS Backup's reports. AWS may refuse it (InvalidRequestException: a job it does not take results for): that is
// recorded as not reported, never as reported.
import { BackupClient, PutRestoreValidationResultCommand } from '@aws-sdk/client-backup';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';

const Input = z.object({
  region: z.string().min(1),
  restoreJobId: z.string().min(1),
  status: z.enum(['FAILED', 'SUCCESSFUL', 'TIMED_OUT', 'VALIDATING']),
  message: z.string().default(''),
});

export const handler = makeHandler({
  playbook: 'verify-backups',
  input: Input,
  run: async ({ region, restoreJobId, status, message }, { audit }) => {
    const recorder = new Recorder(false);
    let refused: string | undefined;
    await recordedStep(audit, recorder, async () => {
      try {
        await recorder.act(
          {
            action: 'backup:PutRestoreValidationResult',
            resource: `restore-job:${restoreJobId}`,
            region,
            detail: { status, message },
          },
          () =>
            awsClient(BackupClient, region).send(
              new PutRestoreValidationResultCommand({
                RestoreJobId: restoreJobId,
                ValidationStatus: status,
                ValidationStatusMessage: message.slice(0, 1000),
              }),
            ),
        );
      } catch (error) {
        if (!['InvalidRequestException', 'InvalidParameterValueException'].includes((error as Error).name)) throw error;
        refused = `${(error as Error).name}: ${(error as Error).message}`;
      }
    });
    return { reported: !refused, refused: refused ?? null, actions: audit.records };
  },
});
