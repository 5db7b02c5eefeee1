// contain-instance's critical path: from the event entering the state machine to network isolation done
// (the `Isolate network` state succeeded), with the AWS calls made before it, on a fresh sandbox with latency.
// Snapshots are started, not awaited, on that path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPlaybook } from '../cli/runner.ts';
import { projectRoot } from '../functions/shared/config/files.ts';
import { SandboxAccount } from '../sandbox/account.ts';

export const ISOLATION_STATE = 'Isolate network';

export interface IsolationMeasure {
  event: string;
  status: string;
  isolatedAtMs: number;
  callsBeforeIsolation: number;
  /** Calls whose start is after the previous call's end: the ones latency adds up on. */
  sequentialCallsBeforeIsolation: number;
  totalMs: number;
}

export async function benchIsolation(
  latencyMs: number,
  event = 'ec2-01-backdoor-cc-activity',
): Promise<IsolationMeasure> {
  const input = JSON.parse(readFileSync(join(projectRoot, 'events', 'guardduty', `${event}.json`), 'utf8'));
  const account = SandboxAccount.fromSeed({ latencyMs });
  const result = await runPlaybook({ playbook: 'contain-instance', input, account, skipWaits: true });
  const isolated = result.trace.find(
    (entry) => entry.kind === 'state' && entry.state === ISOLATION_STATE && entry.event === 'succeeded',
  );
  if (!isolated) throw new Error(`contain-instance never reached "${ISOLATION_STATE}" (${result.status})`);
  const before = result.calls
    .filter((call) => call.startedAt - result.startedAt <= isolated.at)
    .sort((a, b) => a.startedAt - b.startedAt);
  let sequential = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const call of before) {
    if (call.startedAt >= lastEnd) sequential += 1;
    lastEnd = Math.max(lastEnd, call.startedAt + call.durationMs);
  }
  return {
    event,
    status: result.status,
    isolatedAtMs: isolated.at,
    callsBeforeIsolation: before.length,
    sequentialCallsBeforeIsolation: sequential,
    totalMs: result.durationMs,
  };
}
