// Routes an EventBridge event through the rules serverless.yml declares, as EventBridge would.
import { InvalidInputError } from '../functions/shared/errors/errors.ts';
import { matchesPattern } from '../serverless/event-patterns/matcher.ts';
import type { ServiceDecl, StateMachineDecl } from '../serverless/service.ts';

const REQUIRED_FIELDS = ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail'];

/** An event as EventBridge delivers it; anything else is rejected with the missing field named. */
export function assertEventShape(event: unknown): asserts event is Record<string, unknown> {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw new InvalidInputError('event: must be a JSON object in the EventBridge event format');
  }
  const missing = REQUIRED_FIELDS.filter((field) => !(field in event));
  if (missing.length)
    throw new InvalidInputError(`event: missing field(s) ${missing.join(', ')} of the EventBridge event format`);
  const { detail } = event as { detail: unknown };
  if (detail === null || typeof detail !== 'object') throw new InvalidInputError('event: detail must be an object');
}

export function matchingPlaybooks(service: ServiceDecl, event: Record<string, unknown>): StateMachineDecl[] {
  return service.stateMachines.filter((machine) => machine.patterns.some((pattern) => matchesPattern(pattern, event)));
}
