// Posting one notice to one chat channel (Slack webhook, PagerDuty Events API v2) the way both document it: 429,
// 5xx and timeouts are retried after a while (PagerDuty "Response Codes & Retry Logic"; Slack's 429 carries
// Retry-After in seconds), any other answer is final. Bounded three ways: attempts, a cap on each wait and a time
// budget for the channel, so a chat outage costs a step seconds, well inside its Lambda timeout.

/** Time as the retry loop sees it; tests pass one whose sleep only advances its own time. */
export interface Clock {
  /** Milliseconds, any origin. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1), the jitter source. */
  random(): number;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** How a chat channel is retried; every time in milliseconds. */
export interface RetryPolicy {
  /** Posts at most, the first included. */
  attempts: number;
  /** The n-th retry waits between half and all of baseDelayMs * 2^(n-1) (exponential backoff, equal jitter). */
  baseDelayMs: number;
  /** No wait is longer, an honoured Retry-After included. */
  maxDelayMs: number;
  /** One post is aborted after this long (AbortSignal.timeout). */
  requestTimeoutMs: number;
  /** Posts and waits of one channel end within this. */
  budgetMs: number;
}

export const CHANNEL_RETRY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 5_000,
  requestTimeoutMs: 5_000,
  budgetMs: 15_000,
};

export type ChannelName = 'sns' | 'slack' | 'pagerduty';

/** What became of a notice on one channel. */
export interface ChannelResult {
  channel: ChannelName;
  /** delivered: the channel accepted it; failed: it did not, after `attempts`; skipped: not sent (see detail). */
  outcome: 'delivered' | 'failed' | 'skipped';
  /** outcome === 'delivered'. */
  ok: boolean;
  /** Requests made (0 when skipped, or when failing before the first, e.g. its secret could not be read). */
  attempts: number;
  /** delivered: the answer (HTTP status, SNS MessageId); failed: the last status or error; skipped: why. */
  detail?: string;
}

export const skipped = (channel: ChannelName, why: string): ChannelResult => ({
  channel,
  outcome: 'skipped',
  ok: false,
  attempts: 0,
  detail: why,
});

export const failed = (channel: ChannelName, attempts: number, detail: string): ChannelResult => ({
  channel,
  outcome: 'failed',
  ok: false,
  attempts,
  detail,
});

const retryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/** Retry-After as seconds or an HTTP date (RFC 9110 section 10.2.3), in ms from now; undefined when absent or bad. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function describeError(error: unknown, timeoutMs: number): string {
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  return (error as Error)?.message ?? String(error);
}

/**
 * POSTs `body` as JSON to `url` until the channel accepts it (2xx) or the policy ends: 429, 408, 5xx, network
 * errors and timeouts are retried (Retry-After honoured up to maxDelayMs, else exponential backoff with jitter);
 * other answers are final. Never throws: the outcome, attempts and last status are in the result.
 */
export async function postWithRetry(
  channel: ChannelName,
  request: { url: string; body: unknown },
  fetchFn: typeof fetch,
  policy: RetryPolicy = CHANNEL_RETRY,
  clock: Clock = systemClock,
): Promise<ChannelResult> {
  const started = clock.now();
  const payload = JSON.stringify(request.body);
  for (let attempt = 1; ; attempt += 1) {
    const timeoutMs = Math.max(1, Math.min(policy.requestTimeoutMs, policy.budgetMs - (clock.now() - started)));
    let last: string;
    let askedWait: number | undefined;
    try {
      const response = await fetchFn(request.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: payload,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.ok)
        return { channel, outcome: 'delivered', ok: true, attempts: attempt, detail: `HTTP ${response.status}` };
      last = `HTTP ${response.status}`;
      if (!retryableStatus(response.status)) return failed(channel, attempt, last);
      askedWait = retryAfterMs(response.headers.get('retry-after'), Date.now());
    } catch (error) {
      last = describeError(error, timeoutMs);
    }
    if (attempt >= policy.attempts) return failed(channel, attempt, last);
    const step = policy.baseDelayMs * 2 ** (attempt - 1);
    const wait = Math.min(policy.maxDelayMs, askedWait ?? step / 2 + (clock.random() * step) / 2);
    if (clock.now() - started + wait >= policy.budgetMs)
      return failed(channel, attempt, `${last}; time budget of ${policy.budgetMs} ms spent`);
    await clock.sleep(wait);
  }
}
