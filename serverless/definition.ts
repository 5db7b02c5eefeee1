// Loads a playbook's state machine (state-machines/<playbook>.asl.yaml) the way it deploys and the way the CLI
// runs it: every Lambda Task gets the standard retrier after its own Retry entries, so no Task can lack one of
// Lambda's transient errors or our throttling names (test/packaging/asl.test.ts checks every state machine).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../functions/shared/config/files.ts';

type Json = Record<string, unknown>;

/** Errors Lambda itself raises that AWS recommends retrying (Step Functions "Handling errors"). */
export const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

/**
 * Error names our functions let escape when AWS throttled or failed transiently after the SDK's own retries:
 * TransientAwsError (functions/shared/errors) and the AWS error codes of throttling and 5xx answers.
 */
export const AWS_TRANSIENT_ERRORS = [
  'TransientAwsError',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'InternalServerErrorException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'AuditTrailError',
];

/** The retrier every Lambda Task ends with (before a States.ALL entry, which ASL requires to come last). */
export const STANDARD_RETRY: Json[] = [
  { ErrorEquals: LAMBDA_TRANSIENT_ERRORS, IntervalSeconds: 1, MaxAttempts: 6, BackoffRate: 2, JitterStrategy: 'FULL' },
  { ErrorEquals: AWS_TRANSIENT_ERRORS, IntervalSeconds: 2, MaxAttempts: 5, BackoffRate: 2, JitterStrategy: 'FULL' },
];

const isLambdaTask = (state: Json) =>
  state.Type === 'Task' &&
  ((typeof state.Resource === 'object' && state.Resource !== null && 'Fn::GetAtt' in state.Resource) ||
    (typeof state.Resource === 'string' && state.Resource.startsWith('arn:aws:states:::lambda:invoke')));

function withStandardRetry(states: Record<string, Json>): void {
  for (const state of Object.values(states)) {
    if (isLambdaTask(state)) {
      const own = (state.Retry ?? []) as Json[];
      const catchAll = own.filter((entry) => (entry.ErrorEquals as string[]).includes('States.ALL'));
      const specific = own.filter((entry) => !catchAll.includes(entry));
      state.Retry = [...specific, ...structuredClone(STANDARD_RETRY), ...catchAll];
    }
    const processor = (state.ItemProcessor ?? state.Iterator) as { States?: Record<string, Json> } | undefined;
    if (processor?.States) withStandardRetry(processor.States);
    for (const branch of (state.Branches ?? []) as { States: Record<string, Json> }[]) withStandardRetry(branch.States);
  }
}

/** The file of a playbook's state machine, relative to the project root. */
export const definitionFile = (playbook: string) => `state-machines/${playbook}.asl.yaml`;

/** The playbook's ASL as deployed: parsed from its file, the standard retrier added to every Lambda Task. */
export function loadDefinition(playbook: string): Json {
  const definition = parse(readFileSync(join(projectRoot, definitionFile(playbook)), 'utf8')) as Json;
  withStandardRetry(definition.States as Record<string, Json>);
  return definition;
}
