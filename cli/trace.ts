// The trace of one local execution: states entered/succeeded/failed with timing, and every AWS call made,
// in the order they happened; plus the summary of what changed (from the audit trail's own events).
import type { ObservedCall } from '../functions/shared/aws/clients.ts';

export type TraceEntry =
  | {
      kind: 'execution';
      event: 'started' | 'succeeded' | 'failed' | 'aborted';
      at: number;
      error?: string;
      cause?: string;
    }
  | {
      kind: 'state';
      event: 'entered' | 'succeeded' | 'failed' | 'retried' | 'caught';
      state: string;
      type: string;
      at: number;
      ms?: number;
      iteration?: number;
      error?: string;
      cause?: string;
    }
  | { kind: 'call'; service: string; operation: string; region: string; at: number; ms: number; error?: string };

interface LogEvent {
  type: string;
  timestamp: number;
  state?: { name: string; type: string };
  index?: number;
  Error?: string;
  Cause?: unknown;
}

const stateEvents: Record<string, 'entered' | 'succeeded' | 'failed' | 'retried' | 'caught'> = {
  StateEntered: 'entered',
  StateExited: 'succeeded',
  StateFailed: 'failed',
  StateRetried: 'retried',
  StateCaught: 'caught',
};

const executionEvents: Record<string, 'started' | 'succeeded' | 'failed' | 'aborted'> = {
  ExecutionStarted: 'started',
  ExecutionSucceeded: 'succeeded',
  ExecutionFailed: 'failed',
  ExecutionAborted: 'aborted',
  ExecutionTimeout: 'aborted',
};

const causeText = (cause: unknown) => (typeof cause === 'string' ? cause : cause ? JSON.stringify(cause) : undefined);

/** Reads the execution's event log to its end, interleaving the AWS calls observed meanwhile. */
export async function collectTrace(
  events: AsyncGenerator<unknown>,
  calls: ObservedCall[],
  startedAt: number,
  emit: (entry: TraceEntry) => void,
): Promise<void> {
  let flushed = 0;
  const entered = new Map<string, number>();
  const caught = new Set<string>();
  const flushCalls = () => {
    const pending = calls.slice(flushed).sort((a, b) => a.startedAt - b.startedAt);
    flushed = calls.length;
    for (const call of pending) {
      emit({
        kind: 'call',
        service: call.service,
        operation: call.operation,
        region: call.region,
        at: call.startedAt - startedAt,
        ms: call.durationMs,
        ...(call.errorName ? { error: call.errorName } : {}),
      });
    }
  };
  for await (const raw of events) {
    const event = raw as LogEvent;
    flushCalls();
    const at = event.timestamp - startedAt;
    const execution = executionEvents[event.type];
    if (execution) {
      emit({ kind: 'execution', event: execution, at, error: event.Error, cause: causeText(event.Cause) });
      continue;
    }
    const kind = stateEvents[event.type];
    if (!kind || !event.state) continue;
    const key = `${event.state.name}#${event.index ?? ''}`;
    // After a Catch the library still reports the state as exited; the catch already told what happened.
    if (kind === 'succeeded' && caught.delete(key)) continue;
    if (kind === 'caught') caught.add(key);
    if (kind === 'entered') entered.set(key, event.timestamp);
    const began = entered.get(key);
    emit({
      kind: 'state',
      event: kind,
      state: event.state.name,
      type: event.state.type,
      at,
      ...(kind !== 'entered' && began !== undefined ? { ms: event.timestamp - began } : {}),
      ...(event.index !== undefined ? { iteration: event.index } : {}),
      ...(event.Error ? { error: event.Error, cause: causeText(event.Cause) } : {}),
    });
  }
  flushCalls();
}

const seconds = (ms: number) => `+${(ms / 1000).toFixed(3)}s`.padStart(9);

export function formatTraceEntry(entry: TraceEntry): string {
  switch (entry.kind) {
    case 'execution':
      return `${seconds(entry.at)} ${entry.event === 'started' ? '◆ execution started' : `◆ execution ${entry.event}`}${
        entry.error ? `: ${entry.error}${entry.cause ? ` — ${entry.cause}` : ''}` : ''
      }`;
    case 'call':
      return `${seconds(entry.at)}       · ${entry.service} ${entry.operation} (${entry.region}) ${entry.ms}ms${
        entry.error ? ` ✖ ${entry.error}` : ''
      }`;
    case 'state': {
      const where = entry.iteration !== undefined ? ` [${entry.iteration}]` : '';
      const took = entry.ms !== undefined ? ` ${entry.ms}ms` : '';
      const marks = { entered: '▶', succeeded: '✔', failed: '✖', retried: '↻', caught: '⤷' };
      const detail = entry.error ? `: ${entry.error}${entry.cause ? ` — ${entry.cause.slice(0, 200)}` : ''}` : '';
      return `${seconds(entry.at)}   ${marks[entry.event]} ${entry.state}${where} (${entry.type}) ${entry.event}${took}${detail}`;
    }
  }
}

export interface Change {
  action: string;
  resource: string;
  region: string;
  /** The account the change took place in (records written before accounts existed have none). */
  account?: string;
  outcome: string;
}

/** What changed, as the audit trail recorded it: every idp.autopilot event the run put on EventBridge. */
export function changesOf(calls: ObservedCall[]): Change[] {
  return calls
    .filter((call) => call.service === 'EventBridge' && call.operation === 'PutEvents' && !call.errorName)
    .flatMap((call) => (call.input as { Entries?: { Source?: string; Detail?: string }[] }).Entries ?? [])
    .filter((entry) => entry.Source === 'idp.autopilot' && entry.Detail)
    .map((entry) => {
      const detail = JSON.parse(entry.Detail!) as Change;
      const { action, resource, region, account, outcome } = detail;
      return { action, resource, region, ...(account ? { account } : {}), outcome };
    });
}
