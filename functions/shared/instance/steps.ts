// How a containment step acts: every mutation (or, in a dry run, the mutation it would make) becomes an audit
// record, collected while the step works and written in one PutEvents batch when it ends, so the audit trail
// costs one sequential AWS call per step instead of one per action. A step that fails still writes what it did
// (and what failed) before the error goes to the state machine: nothing is half-done without a record.
import type { ActionInput, AuditTrail } from '../audit/audit.ts';
import { logger } from '../handler/logger.ts';

export type Planned = Omit<ActionInput, 'outcome'>;

export class Recorder {
  readonly actions: ActionInput[] = [];
  readonly dryRun: boolean;

  constructor(dryRun: boolean) {
    this.dryRun = dryRun;
  }

  /** Records an outcome decided without a mutation (skipped, already-done). */
  note(action: ActionInput): void {
    this.actions.push(action);
  }

  /** Runs the mutation (or records it as a dry run) and records how it went. */
  async act<T>(planned: Planned, mutate: () => Promise<T>, options: ActOptions<T> = {}): Promise<T | undefined> {
    if (this.dryRun) {
      this.actions.push({ ...planned, outcome: 'dry-run' });
      return undefined;
    }
    try {
      const result = await mutate();
      const extra = options.resultDetail?.(result);
      this.actions.push({ ...planned, outcome: 'done', ...(extra ? { detail: { ...planned.detail, ...extra } } : {}) });
      return result;
    } catch (error) {
      const already = await options.alreadyDone?.(error);
      if (already) {
        this.actions.push({ ...planned, outcome: 'already-done', detail: { ...planned.detail, why: already } });
        return undefined;
      }
      const { name, message } = error as Error;
      this.actions.push({ ...planned, outcome: 'failed', detail: { ...planned.detail, error: `${name}: ${message}` } });
      throw error;
    }
  }
}

export interface ActOptions<T> {
  /** Says why an error means the change is in place already (recorded as already-done, not thrown); it may read
   *  the resource back, never the error's message: AWS error codes only. */
  alreadyDone?: (error: unknown) => string | undefined | Promise<string | undefined>;
  /** Adds what the call returned (ids it created) to the record. */
  resultDetail?: (result: T) => Record<string, unknown>;
}

/** Waits for every promise (so each outcome is recorded), then fails with the first error, if any. */
export async function settleAll<T>(promises: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return results.map((result) => (result as PromiseFulfilledResult<T>).value);
}

/** Runs a step's body and writes its records to the audit trail, also when the body fails. */
export async function recordedStep<T>(audit: AuditTrail, recorder: Recorder, body: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await body();
  } catch (error) {
    try {
      if (recorder.actions.length) await audit.recordMany(recorder.actions);
    } catch (auditError) {
      logger.error('audit trail unavailable while a step failed', { actions: recorder.actions, auditError });
    }
    throw error;
  }
  if (recorder.actions.length) await audit.recordMany(recorder.actions);
  return result;
}
