// Changes that take time on AWS (a node group update, new tasks, a DB instance being created, a shard being added,
// instances launching) complete on a later describe, as a waiter polling AWS sees them: after a number of describes
// that look at the resource (so rehearsals that skip waits still see the intermediate state once or twice), or when
// the sandbox clock passes the time the change would take, whichever comes first.
import type { Pending } from '../state.ts';
import type { HandlerContext } from './types.ts';

/** A change started now that completes after `reads` more describes or `seconds` of sandbox time. */
export function pendingChange(ctx: HandlerContext, { reads = 2, seconds = 120 } = {}): Pending {
  return { readsLeft: reads, readyAt: new Date(ctx.now().getTime() + seconds * 1000).toISOString() };
}

/**
 * One describe looks at a pending change: true when it is complete (the caller applies its end state), false while
 * it is still in progress (this describe still shows the intermediate state, and counts as one of its reads).
 * A mutation that only needs to know whether an earlier change is over passes `{ read: false }`: it counts nothing.
 */
export function advance(ctx: HandlerContext, pending: Pending | undefined, { read = true } = {}): boolean {
  if (!pending) return true;
  if (pending.readsLeft <= 0 || ctx.now().getTime() >= Date.parse(pending.readyAt)) return true;
  if (read) pending.readsLeft -= 1;
  return false;
}
