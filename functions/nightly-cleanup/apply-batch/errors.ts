// How an EC2 error on one resource is counted: the resource is gone (done), AWS throttled or failed transiently
// even after the SDK's retries (the batch stops and the state machine retries it later with backoff), or the
// resource itself failed (reported as failed, never as deleted).

const GONE = new Set([
  'InvalidVolume.NotFound',
  'InvalidSnapshot.NotFound',
  'InvalidAllocationID.NotFound',
  'InvalidAddress.NotFound',
  'InvalidAddressID.NotFound',
]);

const TRANSIENT = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'SlowDown',
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
  'Unavailable',
  'TimeoutError',
]);

export const errorName = (error: unknown) => (error instanceof Error ? error.name : String(error));

export function isGone(error: unknown): boolean {
  return GONE.has(errorName(error));
}

export function isTransient(error: unknown): boolean {
  const fault = (error as { $fault?: string } | undefined)?.$fault;
  return TRANSIENT.has(errorName(error)) || fault === 'server';
}

/**
 * The batch's account cannot be acted in at all (its member role could not be assumed: MemberAccessError from
 * functions/shared/aws/accounts.ts): nothing more in the batch can succeed, so it stops like a throttled batch (what
 * is done is kept) and fails with that error (the Map's Catch records the rest as failed) instead of trying each
 * resource.
 */
export function isAccountUnreachable(error: unknown): boolean {
  return errorName(error) === 'MemberAccessError';
}

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * Thrown inside a batch to stop it; the handler stores what is done and fails with TransientAwsError (retried by
 * the state machine), or with the MemberAccessError that stopped it.
 */
export class StopBatch extends Error {
  constructor(cause: unknown) {
    super(errorMessage(cause), { cause });
    this.name = 'StopBatch';
  }
}
