// The runbook's smoke tests against green before any traffic moves (`curl -X GET .../health`,
// `curl -X POST .../api/v1/test`): each configured check is one HTTP request from this function with its own timeout;
// a check passes when the status is the expected one. The responses (status, time, the first 200 characters of the
// body or the error) go to the run record and the report.
import { AutopilotError } from '../../shared/errors/errors.ts';
import type { TrafficShiftSettings } from '../config.ts';

/** A smoke test failed (or could not run); no traffic was moved. */
export class SmokeTestFailedError extends AutopilotError {}

export interface SmokeResult {
  name: string;
  method: string;
  url: string;
  expectStatus: number;
  status?: number;
  passed: boolean;
  ms: number;
  /** The first 200 characters of the body, or the error (timeout, refused connection). */
  excerpt: string;
}

type SmokeTest = TrafficShiftSettings['smokeTests'][number];

async function runOne(endpoint: string, test: SmokeTest, timeoutMs: number, now: () => number): Promise<SmokeResult> {
  const url = `${endpoint}${test.path}`;
  const started = now();
  const base = { name: test.name, method: test.method, url, expectStatus: test.expectStatus };
  try {
    const response = await fetch(url, {
      method: test.method,
      ...(test.body !== undefined && ['POST', 'PUT'].includes(test.method)
        ? { body: test.body, headers: { 'content-type': 'application/json' } }
        : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return {
      ...base,
      status: response.status,
      passed: response.status === test.expectStatus,
      ms: now() - started,
      excerpt: text.slice(0, 200),
    };
  } catch (error) {
    const name = (error as Error).name;
    const excerpt = name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (error as Error).message;
    return { ...base, passed: false, ms: now() - started, excerpt: excerpt.slice(0, 200) };
  }
}

/** Runs every smoke test against `endpoint` (in order: a health check first stops nothing, all are reported). */
export async function runSmokeTests(
  endpoint: string | undefined,
  tests: SmokeTest[],
  timeoutMs: number,
  now: () => number = Date.now,
): Promise<SmokeResult[]> {
  if (!tests.length) return [];
  if (!endpoint) {
    throw new SmokeTestFailedError(
      "no green endpoint to run the smoke tests against: configure the service's greenEndpoint or pass greenEndpoint",
    );
  }
  const results: SmokeResult[] = [];
  for (const test of tests) results.push(await runOne(endpoint, test, timeoutMs, now));
  return results;
}

/** One line per failed test, for the error that rolls the shift back. */
export function smokeFailures(results: SmokeResult[]): string {
  return results
    .filter((result) => !result.passed)
    .map(
      (result) =>
        `${result.method} ${result.url}: ${result.status ?? 'no answer'} (expected ${result.expectStatus}; ${result.excerpt})`,
    )
    .join('; ');
}
