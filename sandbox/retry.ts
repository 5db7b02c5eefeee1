// SDK retries without the waiting, for clients answered by the sandbox. The strategy is the SDK's own (the one
// resolveRetryConfig builds for the client's retry mode and max attempts), so which errors are retried, how many
// attempts a call gets and the retry quota a client spends and earns back stay the SDK's decisions. Only the waits
// are zero: the exponential backoff between attempts (up to 20 s for throttling) and, in adaptive mode, the
// client-side rate limiter, whose only effect is to hold a request back after throttling. A test or rehearsal that
// injects throttling then takes milliseconds instead of seconds; `retryDelays: 'sdk'` keeps the real waits.
import { AdaptiveRetryStrategy, StandardRetryStrategy } from '@smithy/core/retry';

type Provider<T> = () => Promise<T>;
type MaybeProvider<T> = T | Provider<T> | undefined;

/** The part of a resolved SDK client config the retry middleware reads. */
export interface RetryConfig {
  maxAttempts: Provider<number>;
  retryMode?: MaybeProvider<string>;
  retryStrategy: Provider<unknown>;
}

const NO_BACKOFF = { computeNextBackoffDelay: () => 0, setDelayBase: () => {} };
const NEVER_HOLDS_BACK = { getSendToken: async () => {}, updateClientSendingRate: () => {} };

const resolved = async <T>(value: MaybeProvider<T>) =>
  typeof value === 'function' ? await (value as Provider<T>)() : value;

/** The strategy the SDK would build for this config (adaptive or standard), with zero backoff and no holding back. */
async function noDelayStrategy(config: RetryConfig) {
  const maxAttempts = await config.maxAttempts();
  if ((await resolved(config.retryMode)) === 'adaptive') {
    return new AdaptiveRetryStrategy(config.maxAttempts, {
      maxAttempts,
      backoff: NO_BACKOFF,
      rateLimiter: NEVER_HOLDS_BACK,
    });
  }
  return new StandardRetryStrategy({ maxAttempts, backoff: NO_BACKOFF });
}

/**
 * Replaces the client's retry strategy with the no-delay one, built on first use and kept for the client's life
 * (like the SDK's: one retry quota per client). The retry middleware reads `config.retryStrategy` on every call.
 */
export function removeRetryDelays(config: RetryConfig): void {
  let strategy: ReturnType<typeof noDelayStrategy> | undefined;
  config.retryStrategy = () => {
    strategy ??= noDelayStrategy(config);
    return strategy;
  };
}
