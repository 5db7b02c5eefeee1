// What changed since the previous run. Per scope: when it is readable now, failures counting now and not before are
// new, failures counting before and gone now are fixed; a scope never read before counts all its failures as new
// (the first run says so). A scope unreadable now keeps what the previous runs knew (nothing is reported fixed
// because a reading failed) and only its status change is reported. Scopes this run did not cover (a run by hand for
// one region) stay as they were. CIS controls keep the "failing since" of the runs that saw them fail.
import { counts, type Failure, type Scope } from './scopes.ts';

/** One scope as the next run compares with it. `asOf`: when it was last readable (absent: never). */
export interface KnownScope {
  kind: Scope['kind'];
  account: string;
  region: string;
  label: string;
  status: string;
  readable: boolean;
  asOf?: string;
  failures: Failure[];
}

/** A scope whose reading status changed since the previous run (`from` absent: a scope the previous run lacked). */
export interface StatusChange {
  label: string;
  kind: Scope['kind'];
  region: string;
  from?: string;
  to: string;
}

/** What changed since the previous run, as the report and the notice show it. */
export interface Comparison {
  /** No earlier run left results: everything failing counts as new. */
  firstRun: boolean;
  previousRun?: { executionName: string; runAt: string };
  newFailures: Failure[];
  fixed: Failure[];
  /** Failing before and now, newly covered by an exemption. */
  newlyExempted: Failure[];
  /** Scopes whose readability changed (Security Hub turned off, a scan missing, a reading failing or back). */
  statusChanges: StatusChange[];
}

/** The comparison, the scopes as reported and what the next run compares with. */
export interface Compared {
  comparison: Comparison;
  /** The scopes with `since` settled, as this run reports them. */
  scopes: Scope[];
  /** What the next run compares with. */
  known: Record<string, KnownScope>;
}

/** Whether anything changed (what decides whether a notice is sent); a first run always reports what it found. */
export const changed = (c: Comparison) =>
  c.firstRun || c.newFailures.length + c.fixed.length + c.newlyExempted.length + c.statusChanges.length > 0;

const later = (a: string | undefined, b: string) => (a && a > b ? a : b);

/** CIS controls: failing since the runs that saw them fail, or since after the previous reading when newly failing. */
function settleSince(failure: Failure, before: KnownScope | undefined): Failure {
  if (failure.kind !== 'cis-control' || !before?.asOf) return failure;
  const earlier = before.failures.find((f) => f.key === failure.key);
  if (earlier?.since) return { ...failure, since: earlier.since, sinceBasis: earlier.sinceBasis };
  return { ...failure, since: later(failure.since, before.asOf), sinceBasis: 'since-previous-run' };
}

/** Compares this run's scopes with the previous results (undefined: first run) at `now`. */
export function compare(
  scopes: Scope[],
  previous: { executionName: string; runAt: string; scopes: Record<string, KnownScope> } | undefined,
  now: Date,
): Compared {
  const comparison: Comparison = {
    firstRun: !previous,
    ...(previous ? { previousRun: { executionName: previous.executionName, runAt: previous.runAt } } : {}),
    newFailures: [],
    fixed: [],
    newlyExempted: [],
    statusChanges: [],
  };
  const known: Record<string, KnownScope> = { ...(previous?.scopes ?? {}) };
  const settled: Scope[] = [];
  for (const scope of scopes) {
    const before = previous?.scopes[scope.key];
    const { kind, account, region, label, status, readable } = scope;
    if (before && before.status !== status)
      comparison.statusChanges.push({ label, kind, region, from: before.status, to: status });
    if (!before && status !== 'ok' && previous) comparison.statusChanges.push({ label, kind, region, to: status });
    if (!readable) {
      known[scope.key] = { ...(before ?? { failures: [] }), kind, account, region, label, status, readable };
      settled.push(scope);
      continue;
    }
    const failures = scope.failures.map((failure) => settleSince(failure, before));
    const wasCounting = new Set((before?.asOf ? before.failures : []).filter(counts).map((f) => f.key));
    const nowFailing = new Set(failures.map((f) => f.key));
    for (const failure of failures) {
      if (counts(failure) && !wasCounting.has(failure.key)) comparison.newFailures.push(failure);
      if (!counts(failure) && wasCounting.has(failure.key)) comparison.newlyExempted.push(failure);
    }
    for (const failure of before?.asOf ? before.failures : []) {
      if (counts(failure) && !nowFailing.has(failure.key)) comparison.fixed.push(failure);
    }
    known[scope.key] = { kind, account, region, label, status, readable, asOf: now.toISOString(), failures };
    settled.push({ ...scope, failures });
  }
  return { comparison, scopes: settled, known };
}
