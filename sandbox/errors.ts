// Errors the sandbox throws look like the SDK's deserialized service errors: an Error whose `name` is the AWS error
// code, with `$fault` and `$metadata.httpStatusCode`. That is what the SDK's retry strategy classifies (throttling
// codes, 5xx) and what `err instanceof ParameterNotFound` matches (ServiceException checks name, $fault, $metadata).

/** HTTP status AWS answers with for the codes the sandbox uses; anything else is a 400 client error. */
const STATUS_BY_CODE: Record<string, number> = {
  DryRunOperation: 412,
  RequestLimitExceeded: 503,
  ServiceUnavailable: 503,
  SlowDown: 503,
  InternalError: 500,
  InternalFailure: 500,
  InternalServerError: 500,
  InternalServerErrorException: 500,
  InternalException: 500,
  NoSuchKey: 404,
  NoSuchBucket: 404,
  NotFound: 404,
  NotFoundException: 404,
  TooManyRequestsException: 429,
};

export interface AwsErrorOptions {
  status?: number;
  /** Extra members the service returns with the error (e.g. S3 NoSuchKey carries Key). */
  fields?: Record<string, unknown>;
}

export type AwsError = Error & {
  $fault: 'client' | 'server';
  $metadata: { httpStatusCode: number; requestId?: string; attempts?: number; totalRetryDelay?: number };
  $retryable?: { throttling?: boolean };
};

export function awsError(code: string, message: string, options: AwsErrorOptions = {}): AwsError {
  const status = options.status ?? STATUS_BY_CODE[code] ?? 400;
  const error = new Error(message) as AwsError;
  error.name = code;
  error.$fault = status >= 500 ? 'server' : 'client';
  error.$metadata = { httpStatusCode: status };
  Object.assign(error, options.fields);
  return error;
}

export function isAwsError(error: unknown): error is AwsError {
  return error instanceof Error && '$fault' in error && '$metadata' in error;
}

/** An operation (or service) the sandbox does not model: fails loudly so nobody mistakes a gap for an AWS answer. */
export class NotImplementedInSandbox extends Error {
  readonly service: string;
  readonly operation: string;
  constructor(service: string, operation: string, detail?: string) {
    super(
      `${service}.${operation} is not implemented in the sandbox account${detail ? `: ${detail}` : ''}. ` +
        'Add it under sandbox/services/ (see sandbox/README.md).',
    );
    this.name = 'NotImplementedInSandbox';
    this.service = service;
    this.operation = operation;
  }
}
