// One process at a time on a sandbox file: a lock (proper-lockfile: a `<file>.lock` directory whose mtime the holder
// refreshes) held from loading the account to saving it, so two CLI runs never both start from the same state (a
// lost update, a message both think nobody sent). A holder that died stops refreshing; its lock goes stale and the
// next run takes it over. Who holds it is written beside it (`<file>.lock-owner`) for the refusal message.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { lock } from 'proper-lockfile';

/** Another process holds the sandbox longer than this one waits. */
export class SandboxBusyError extends Error {
  constructor(holderPid: number | undefined) {
    super(
      `the sandbox is in use by another autopilot run (pid ${holderPid ?? 'unknown'}): wait for it to finish and try again`,
    );
    this.name = 'SandboxBusyError';
  }
}

/** The lock went stale under this process (its event loop stalled) and may have been taken: do not save. */
export class SandboxLockLostError extends Error {
  constructor(file: string) {
    super(`the lock on ${file} was lost during this run, so its changes were not saved: run it again`);
    this.name = 'SandboxLockLostError';
  }
}

export interface SandboxLockOptions {
  /** How long to wait for another holder before refusing (default 5 s). */
  waitMs?: number;
  /** A lock not refreshed for this long belongs to a process that died (default 10 s, at least 2 s). */
  staleMs?: number;
}

const RETRY_EVERY_MS = 100;
const ownerFile = (file: string) => `${file}.lock-owner`;

function ownerOf(file: string): number | undefined {
  if (!existsSync(ownerFile(file))) return undefined;
  const pid = Number(readFileSync(ownerFile(file), 'utf8'));
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Runs `work` holding the lock of the sandbox `file`. `work` calls `assertHeld()` right before it saves: it throws
 * SandboxLockLostError when the lock was lost meanwhile. Throws SandboxBusyError when another process holds the lock
 * for longer than `waitMs`.
 */
export async function withSandboxLock<T>(
  file: string,
  work: (assertHeld: () => void) => Promise<T>,
  options: SandboxLockOptions = {},
): Promise<T> {
  mkdirSync(dirname(file), { recursive: true });
  let lost = false;
  let release: () => Promise<void>;
  try {
    release = await lock(file, {
      realpath: false,
      lockfilePath: `${file}.lock`,
      stale: options.staleMs ?? 10_000,
      retries: {
        retries: Math.ceil((options.waitMs ?? 5_000) / RETRY_EVERY_MS),
        factor: 1,
        minTimeout: RETRY_EVERY_MS,
        maxTimeout: RETRY_EVERY_MS,
      },
      onCompromised: () => {
        lost = true;
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new SandboxBusyError(ownerOf(file));
    throw error;
  }
  writeFileSync(ownerFile(file), String(process.pid));
  try {
    return await work(() => {
      if (lost) throw new SandboxLockLostError(file);
    });
  } finally {
    if (ownerOf(file) === process.pid) rmSync(ownerFile(file), { force: true });
    // A lost lock is no longer ours to release.
    if (!lost) await release();
  }
}
