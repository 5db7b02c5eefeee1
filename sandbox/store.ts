// Persistence of the sandbox account between CLI runs: the state is one JSON file (.autopilot/sandbox.json).
// Only `state` is saved; call logs and fault counters belong to one process.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SandboxAccount, type SandboxOptions } from './account.ts';
import { seedState } from './seed.ts';
import type { SandboxState } from './state.ts';

export const DEFAULT_SANDBOX_FILE = '.autopilot/sandbox.json';

/** The account saved in `file`, or a freshly seeded one when the file does not exist yet. */
export function loadAccount(file: string = DEFAULT_SANDBOX_FILE, options: SandboxOptions = {}): SandboxAccount {
  if (!existsSync(file)) return SandboxAccount.fromSeed(options);
  const state = JSON.parse(readFileSync(file, 'utf8')) as SandboxState;
  if (state.version !== 1)
    throw new Error(`${file}: unsupported sandbox state version ${state.version}; run \`autopilot sandbox reset\``);
  return new SandboxAccount(state, options);
}

/** Writes the state atomically (temp file + rename), so an interrupted run never leaves half a file. */
export function saveAccount(account: SandboxAccount, file: string = DEFAULT_SANDBOX_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(account.state, null, 2)}\n`);
  renameSync(temp, file);
}

/** Replaces the saved state with a fresh seed and returns the new account. */
export function resetAccount(file: string = DEFAULT_SANDBOX_FILE, options: SandboxOptions = {}): SandboxAccount {
  const account = new SandboxAccount(seedState(options.now?.() ?? new Date()), options);
  saveAccount(account, file);
  return account;
}
