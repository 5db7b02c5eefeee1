// Test harness: a fresh seeded sandbox account per test, plugged into the real SDK clients via awsClient().
import { afterEach, beforeEach } from 'vitest';
import { SandboxAccount, type SandboxOptions } from '../../sandbox/account.ts';
import { installSandbox } from '../../sandbox/intercept.ts';

/** Fixed clock so relative seed dates and the sandbox clock agree in assertions. */
export const NOW = new Date('2025-06-15T12:00:00.000Z');

export function useSandbox(options: SandboxOptions = {}): () => SandboxAccount {
  let account: SandboxAccount;
  let uninstall: () => void;
  beforeEach(() => {
    account = SandboxAccount.fromSeed({ now: () => NOW, ...options });
    uninstall = installSandbox(account);
  });
  afterEach(() => uninstall());
  return () => account;
}

export const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

/** Runs `send` and returns the error it throws (fails the test if it does not throw). */
export async function errorOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}
