// The named errors of traffic-shift's checks (the state machine's Catch sends them to the refusal or the rollback).
import { AutopilotError } from '../../shared/errors/errors.ts';

/** A prerequisite of the shift does not hold; nothing was changed. */
export class PreCheckFailedError extends AutopilotError {}
