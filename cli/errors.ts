// How the CLI reports what went wrong: always one line that says what and what to do, never a raw stack trace
// (AUTOPILOT_DEBUG=1 adds the stack). Bad usage, config, input, credentials or sandbox file: exit 2, nothing changed.
import { AutopilotError } from '../functions/shared/errors/errors.ts';
import { SandboxBusyError, SandboxLockLostError } from '../sandbox/lock.ts';
import { SandboxFileError } from '../sandbox/store.ts';
import { UsageError } from './options.ts';

export interface ErrorReport {
  /** What goes to stderr, one line unless AUTOPILOT_DEBUG=1 asks for the stack. */
  lines: string[];
  exitCode: number;
}

const PROVIDE_CREDENTIALS =
  'provide them with AWS_PROFILE=<profile> (a profile from `aws configure` or `aws configure sso`), or ' +
  'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for temporary credentials)';

const REFUSED_CREDENTIALS = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'AuthFailure',
]);
const EXPIRED_CREDENTIALS = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH']);

const firstLine = (text: string) => text.split('\n')[0].trim();

/**
 * What is wrong with the AWS credentials or the way to AWS behind `error`, in words with the fix; undefined when
 * `error` is about something else. `autopilot doctor` uses it for its credentials check too.
 */
export function awsAccessProblem(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { name } = error;
  const message = firstLine(error.message);
  const profile = process.env.AWS_PROFILE ? ` (AWS_PROFILE=${process.env.AWS_PROFILE})` : '';
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    const detail = /from any providers/.test(message) ? '' : ` (${message})`;
    return `no AWS credentials found${profile}${detail}: ${PROVIDE_CREDENTIALS}`;
  }
  if (name === 'TokenProviderError' || /SSO session.*(expired|invalid)/i.test(message)) {
    return `the AWS SSO session${profile} has expired or is missing (${message}): run \`aws sso login\``;
  }
  if (EXPIRED_CREDENTIALS.has(name)) {
    return `the AWS credentials${profile} have expired (${name}): refresh them (\`aws sso login\`, or new temporary credentials)`;
  }
  if (REFUSED_CREDENTIALS.has(name)) {
    return `AWS refused the credentials${profile} (${name}: ${message}): check AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`;
  }
  const code = (error as { code?: string }).code;
  if (code && UNREACHABLE.has(code)) {
    const where = process.env.AWS_ENDPOINT_URL ? `AWS_ENDPOINT_URL ${process.env.AWS_ENDPOINT_URL}` : 'AWS';
    return `cannot reach ${where} (${code}): check the network, or AWS_ENDPOINT_URL`;
  }
  return undefined;
}

/** The lines and exit code for an error that reached the top of the CLI. */
export function reportError(error: unknown, debug = process.env.AUTOPILOT_DEBUG === '1'): ErrorReport {
  const stack = debug && error instanceof Error && error.stack ? [error.stack] : [];
  const known =
    error instanceof UsageError ||
    error instanceof AutopilotError ||
    error instanceof SandboxFileError ||
    error instanceof SandboxBusyError;
  if (known) return { lines: [`autopilot: ${(error as Error).message}`, ...stack], exitCode: 2 };
  if (error instanceof SandboxLockLostError) return { lines: [`autopilot: ${error.message}`, ...stack], exitCode: 1 };
  const access = awsAccessProblem(error);
  if (access) return { lines: [`autopilot: ${access}`, ...stack], exitCode: 2 };
  const what = error instanceof Error ? `${error.name}: ${firstLine(error.message)}` : String(error);
  if (debug) return { lines: [`autopilot: ${what}`, ...stack], exitCode: 1 };
  return { lines: [`autopilot: ${what} (run with AUTOPILOT_DEBUG=1 for the stack)`], exitCode: 1 };
}
