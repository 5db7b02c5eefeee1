// The execution state the report and the failure step read ($ of the state machine): each phase's result as far as
// the run got. Every member may be missing (a Catch sends the state from wherever it was).
import type { AuditRecord } from '../shared/audit/audit.ts';
import type { CheckResult } from './checks.ts';
import type { Readiness } from './readiness/readiness.ts';

type Step = { actions?: AuditRecord[] } & Record<string, unknown>;

export interface FailoverState {
  begin?: {
    mode: 'planned' | 'unplanned';
    dryRun: boolean;
    scheduled: boolean;
    readinessOnly: boolean;
    primaryRegion: string;
    secondaryRegion: string;
    lockTarget: string | null;
    startedAt: string;
  };
  checks?: Record<string, CheckResult>;
  readiness?: Readiness & { at?: string };
  approval?: { approved?: boolean; by?: string };
  approvalError?: { Error?: string; Cause?: string };
  announce?: { at?: string };
  scale?: Step & { startedAt?: string };
  capacity?: { healthy?: boolean; states?: string[]; at?: string };
  promote?: Step & { startedAt?: string; action?: string };
  database?: { done?: boolean; state?: string; endpoint?: string | null; at?: string };
  dns?: Step & { startedAt?: string; record?: string; changeId?: string | null };
  dnsStatus?: { done?: boolean; dns?: string; cloudMap?: string; at?: string };
  postCheck?: { healthy?: boolean; answer?: string; url?: string; at?: string };
  error?: { Error?: string; Cause?: string };
}

/** The phases of a failover in order: what a failure report lists as done or left. */
export const PHASES: { key: keyof FailoverState; label: string; done: (s: FailoverState) => boolean }[] = [
  { key: 'readiness', label: 'pre-checks', done: (s) => Boolean(s.readiness) },
  { key: 'scale', label: 'scale the secondary capacity', done: (s) => Boolean(s.scale) },
  { key: 'capacity', label: 'wait until the capacity is healthy', done: (s) => Boolean(s.capacity?.healthy) },
  { key: 'promote', label: 'promote the secondary database', done: (s) => Boolean(s.promote) },
  { key: 'database', label: 'wait until the secondary database writes', done: (s) => Boolean(s.database?.done) },
  { key: 'dns', label: 'point DNS at the secondary region', done: (s) => Boolean(s.dns) },
  { key: 'dnsStatus', label: 'wait until the DNS change is INSYNC', done: (s) => Boolean(s.dnsStatus?.done) },
  { key: 'postCheck', label: 'health check through the new record', done: (s) => Boolean(s.postCheck?.healthy) },
];

/** Every action the phases recorded. */
export const actionsOf = (state: FailoverState): AuditRecord[] =>
  [state.scale, state.promote, state.dns].flatMap((step) => step?.actions ?? []);
