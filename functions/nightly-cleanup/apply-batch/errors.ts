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

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/** Thrown inside a batch to stop it; the handler stores what is done and fails with TransientAwsError. */
export class StopBatch extends Error {
  constructor(cause: unknown) {
    super(errorMessage(cause), { cause });
    this.name = 'StopBatch';
  }
}
