// AWS Backup restore jobs: StartRestoreJob (Metadata required, the keys each resource type needs; one job per
// IdempotencyToken), DescribeRestoreJob (PENDING, then RUNNING, then COMPLETED with the created resource's ARN or
// FAILED with a status message, one step per describe) and PutRestoreValidationResult (a completed job's validation
// outcome: FAILED, SUCCESSFUL, TIMED_OUT or VALIDATING).
import type {
  DescribeRestoreJobInput,
  PutRestoreValidationResultInput,
  StartRestoreJobInput,
} from '@aws-sdk/client-backup';
import { awsError } from '../../errors.ts';
import type { RestoreJobRec } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { createRestoredResource, metadataValue, REQUIRED_METADATA, RestoreRefused } from './restored-resources.ts';
import { findRecoveryPoint } from './vaults.ts';

const VALIDATION_STATUSES = ['FAILED', 'SUCCESSFUL', 'TIMED_OUT', 'VALIDATING'];

function jobsOf(ctx: HandlerContext): RestoreJobRec[] {
  ctx.regional.backup.restoreJobs ??= [];
  return ctx.regional.backup.restoreJobs;
}

function requireJob(ctx: HandlerContext, id: string | undefined): RestoreJobRec {
  const job = jobsOf(ctx).find((j) => j.RestoreJobId === id);
  if (!job) throw awsError('ResourceNotFoundException', `Restore job ${id} not found`);
  return job;
}

function startRestoreJob(ctx: HandlerContext, input: StartRestoreJobInput) {
  if (!input.Metadata || !Object.keys(input.Metadata).length) {
    throw awsError('MissingParameterValueException', 'Metadata is required');
  }
  if (input.IdempotencyToken) {
    const earlier = jobsOf(ctx).find((j) => j.idempotencyToken === input.IdempotencyToken);
    if (earlier) return { RestoreJobId: earlier.RestoreJobId };
  }
  const found = findRecoveryPoint(ctx, input.RecoveryPointArn);
  if (!found) throw awsError('ResourceNotFoundException', `Recovery point ${input.RecoveryPointArn} not found`);
  const { vault, point } = found;
  if (point.Status !== 'COMPLETED') {
    throw awsError('InvalidRequestException', `Recovery point ${point.RecoveryPointArn} is ${point.Status}`);
  }
  const type = input.ResourceType ?? point.ResourceType;
  if (type !== point.ResourceType) {
    throw awsError('InvalidParameterValueException', `ResourceType ${type} does not match the recovery point`);
  }
  for (const key of REQUIRED_METADATA[type] ?? []) {
    if (!metadataValue(input.Metadata, key)) {
      throw awsError('InvalidParameterValueException', `Required restore metadata ${key} is missing`);
    }
  }
  const job: RestoreJobRec = {
    RestoreJobId: ctx.account.newUuid().toUpperCase(),
    AccountId: ctx.accountId,
    RecoveryPointArn: point.RecoveryPointArn,
    SourceResourceArn: point.ResourceArn,
    BackupVaultArn: vault.BackupVaultArn,
    CreationDate: ctx.now().toISOString(),
    Status: 'PENDING',
    PercentDone: '0.00%',
    BackupSizeInBytes: point.BackupSizeInBytes,
    IamRoleArn: input.IamRoleArn,
    ResourceType: type,
    RecoveryPointCreationDate: point.CreationDate,
    metadata: { ...input.Metadata },
    idempotencyToken: input.IdempotencyToken,
  };
  jobsOf(ctx).push(job);
  return { RestoreJobId: job.RestoreJobId };
}

/** The job's next step: PENDING -> RUNNING -> COMPLETED (the resource is created) or FAILED. */
function progress(ctx: HandlerContext, job: RestoreJobRec): void {
  if (job.Status === 'PENDING') {
    job.Status = 'RUNNING';
    job.PercentDone = '50.00%';
    return;
  }
  if (job.Status !== 'RUNNING') return;
  job.CompletionDate = ctx.now().toISOString();
  const point = findRecoveryPoint(ctx, job.RecoveryPointArn)?.point;
  try {
    if (!point) throw new RestoreRefused(`Recovery point ${job.RecoveryPointArn} no longer exists`);
    if (point.restoreFails) throw new RestoreRefused(point.restoreFails);
    job.CreatedResourceArn = createRestoredResource(ctx, point, job.metadata);
    job.Status = 'COMPLETED';
    job.PercentDone = '100.00%';
  } catch (error) {
    if (!(error instanceof RestoreRefused)) throw error;
    job.Status = 'FAILED';
    job.StatusMessage = error.message;
  }
}

function describeRestoreJob(ctx: HandlerContext, input: DescribeRestoreJobInput) {
  const job = requireJob(ctx, input.RestoreJobId);
  const shown = structuredClone(job);
  progress(ctx, job);
  return { ...shown, ExpectedCompletionTimeMinutes: 30, CreatedBy: {} };
}

function putRestoreValidationResult(ctx: HandlerContext, input: PutRestoreValidationResultInput) {
  const job = requireJob(ctx, input.RestoreJobId);
  if (!VALIDATION_STATUSES.includes(input.ValidationStatus ?? '')) {
    throw awsError('InvalidParameterValueException', `Invalid ValidationStatus ${input.ValidationStatus}`);
  }
  if (job.Status !== 'COMPLETED') {
    throw awsError('InvalidRequestException', `Restore job ${job.RestoreJobId} is ${job.Status}, not COMPLETED`);
  }
  job.ValidationStatus = input.ValidationStatus as RestoreJobRec['ValidationStatus'];
  job.ValidationStatusMessage = input.ValidationStatusMessage;
  return {};
}

export const restoreJobHandlers: Handlers = {
  StartRestoreJob: startRestoreJob,
  DescribeRestoreJob: describeRestoreJob,
  PutRestoreValidationResult: putRestoreValidationResult,
};
