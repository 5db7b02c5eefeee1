// Which failures are refused input rather than an outage: they are reported with the 'rejected' notice (SNS only,
// SEV4), never with the service disruption alert.
import type { Severity } from '../config/config.ts';
import { InvalidInputError, ResourceNotFoundError } from '../errors/errors.ts';
import type { NoticeKind } from './message.ts';

const REFUSALS = new Set([InvalidInputError.name, ResourceNotFoundError.name]);

/**
 * True when `error` says the input was refused: InvalidInputError (the input does not have the expected shape) or
 * ResourceNotFoundError (it names a resource the account does not have). Takes what a state machine's Catch
 * caught (`{ Error, Cause }`) or an Error; anything else is false.
 */
export function isInputRefusal(error: unknown): boolean {
  if (error instanceof Error) return REFUSALS.has(error.name);
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { Error?: unknown }).Error;
  return typeof name === 'string' && REFUSALS.has(name);
}

/**
 * The notice a failure sends: as given, or, when the failure was refused input (isInputRefusal), the same notice as a
 * 'rejected' one (SEV4, SNS only, never the service disruption template): bad input is nobody's outage.
 */
export function failureNotice<N extends { kind: NoticeKind; severity: Severity }>(notice: N, error: unknown): N {
  return isInputRefusal(error) ? { ...notice, kind: 'rejected', severity: 'SEV4' } : notice;
}
