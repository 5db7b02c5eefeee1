// What every pre-check returns: what it found and the problems, each saying which failovers it blocks. A planned
// failover needs every check to pass; an unplanned one goes ahead (after its approval) unless a problem makes the
// failover itself impossible (no secondary cluster, a failover already running, a DNS change that cannot be made).
export interface Problem {
  check: string;
  text: string;
  blocks: 'planned' | 'both';
}

export interface CheckResult {
  check: string;
  ok: boolean;
  problems: Problem[];
  /** What it read, in words (the readiness report shows it). */
  found: string[];
}

/** An AWS refusal as a finding: the code, never the message's wording. */
export const refusal = (error: unknown) =>
  `${(error as Error).name}${(error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ? ` (HTTP ${(error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode})` : ''}`;

export function result(check: string, found: string[], problems: Problem[]): CheckResult {
  return { check, ok: problems.length === 0, problems, found };
}
