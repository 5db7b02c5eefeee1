// The errors regional-failover's state machine tells apart (their names are what Catch and the failure step see).
import { AutopilotError } from '../shared/errors/errors.ts';

/** Another failover holds the lock: the message names its execution. */
export class FailoverLockedError extends AutopilotError {}
/** A planned failover whose pre-checks did not pass, or an unplanned one whose blocking checks did not. */
export class NotReadyError extends AutopilotError {}
/** A phase did not finish within its timeout (capacity, database, DNS, health check). */
export class PhaseTimedOutError extends AutopilotError {}
/** AWS reported a change as failed (a Cloud Map operation, an EKS update). */
export class ChangeFailedError extends AutopilotError {}
