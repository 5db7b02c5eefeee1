// A fresh sandbox account for a test, and SDK clients that talk to it (to read the account back the way our
// code would, independent of the sandbox's internal state shape).
import { afterEach } from 'vitest';
import { setClientHook } from '../../functions/shared/aws/clients.ts';
import { SandboxAccount, type SandboxOptions } from '../../sandbox/account.ts';
import { installSandbox } from '../../sandbox/intercept.ts';

// The sandbox and the handlers share the process clock; a test that needs a fixed date fakes Date
// (vi.useFakeTimers({ toFake: ['Date'] })) so both see the same time.
export function freshAccount(options: SandboxOptions = {}): SandboxAccount {
  return SandboxAccount.fromSeed(options);
}

/** Runs `read` with the sandbox installed (the runner uninstalls it after each run). */
export async function readBack<T>(account: SandboxAccount, read: () => Promise<T>): Promise<T> {
  const uninstall = installSandbox(account);
  try {
    return await read();
  } finally {
    uninstall();
  }
}

afterEach(() => setClientHook(undefined));
