// Readiness from the pre-checks: ready when nothing is wrong; a planned failover may proceed only when ready; an
// unplanned one when no problem makes the failover itself impossible. The estimated data loss of an unplanned
// failover is the lag at the last reading.
import type { CheckResult, Problem } from '../checks.ts';

export interface Readiness {
  ready: boolean;
  /** The run may go on in its mode (planned: ready; unplanned: no problem that blocks both). */
  proceed: boolean;
  problems: Problem[];
  found: string[];
  lastLagMs: number | null;
  lastLagAt: string | null;
  estimatedDataLoss: string;
  alreadyPromoted: boolean;
  /** The problems in one line (what a refusal says). */
  summary: string;
}

export function readinessOf(
  mode: 'planned' | 'unplanned',
  checks: {
    app: CheckResult;
    replication: CheckResult & { lastLagMs: number | null; lastAt: string | null };
    database: CheckResult & { alreadyPromoted: boolean };
    bucket: CheckResult;
    dns: CheckResult;
  },
): Readiness {
  const all = [checks.app, checks.replication, checks.database, checks.bucket, checks.dns];
  const problems = all.flatMap((check) => check.problems);
  const blocking = problems.filter((p) => mode === 'planned' || p.blocks === 'both');
  const lag = checks.replication.lastLagMs;
  return {
    ready: problems.length === 0,
    proceed: blocking.length === 0,
    problems,
    found: all.flatMap((check) => check.found.map((line) => `${check.check}: ${line}`)),
    lastLagMs: lag,
    lastLagAt: checks.replication.lastAt,
    estimatedDataLoss:
      lag === null
        ? 'unknown: no replication lag reading (assume everything since the last reading may be lost)'
        : `about ${lag} ms of writes (the replication lag at ${checks.replication.lastAt})`,
    alreadyPromoted: checks.database.alreadyPromoted,
    summary: problems.length ? problems.map((p) => `${p.check}: ${p.text}`).join('; ') : 'every pre-check passed',
  };
}
