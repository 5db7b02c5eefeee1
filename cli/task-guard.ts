// The local runner's tasks are closed when the execution ends. aws-local-stepfunctions fails a Parallel state as soon
// as one branch fails but lets the other branches run on; their Lambda steps would then call AWS after the runner
// has removed the sandbox, i.e. with the machine's default credentials. A rehearsal must never reach a real account.

/** A Task state's local implementation: the state's input in, its result out. */
export type LocalHandler = (input: unknown) => Promise<unknown>;

/** Raised by a task started after its execution ended (a branch left running by a failed Parallel state). */
export class ExecutionEndedError extends Error {
  override name = 'ExecutionEndedError';
  // Neither retried nor caught (aws-local-stepfunctions reads these): a left-over branch whose Catch loops back (an
  // update cadence, a poll) ends at once instead of spinning on refusals.
  get isRetryable() {
    return false;
  }
  get isCatchable() {
    return false;
  }
}

/**
 * Wraps each task handler so that (1) `close()` waits for every task still running, and (2) after `close()` a task
 * refuses to start (throws ExecutionEndedError, sending nothing). Call `close()` once the execution's result settled,
 * before the sandbox is uninstalled.
 */
export function guardTasks(handlers: Record<string, LocalHandler>): {
  handlers: Record<string, LocalHandler>;
  close: () => Promise<void>;
} {
  let closed = false;
  const running = new Set<Promise<unknown>>();
  const guarded = Object.fromEntries(
    Object.entries(handlers).map(([state, handler]) => [
      state,
      (input: unknown) => {
        if (closed) return Promise.reject(new ExecutionEndedError(`${state}: the execution already ended`));
        const run = handler(input);
        running.add(run);
        const forget = () => running.delete(run);
        run.then(forget, forget);
        return run;
      },
    ]),
  );
  return {
    handlers: guarded,
    close: async () => {
      closed = true;
      // Tasks in flight may start no others (closed), so one pass settles them all.
      await Promise.allSettled([...running]);
    },
  };
}
