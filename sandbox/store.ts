// Persistence of the sandbox account between CLI runs: the state is one JSON file (.autopilot/sandbox.json).
// Only `state` is saved; call logs and fault counters belong to one process.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod';
import { SandboxAccount, type SandboxOptions } from './account.ts';
import { seedState } from './seed.ts';
import type { SandboxState } from './state.ts';

export const DEFAULT_SANDBOX_FILE = '.autopilot/sandbox.json';

/** The file exists but does not hold a sandbox account (truncated, foreign, an older format). */
export class SandboxFileError extends Error {
  constructor(file: string, reason: string) {
    super(`the sandbox file ${file} is not a sandbox account: run \`autopilot sandbox reset\``, { cause: reason });
    this.name = 'SandboxFileError';
  }
}

// The frame of a saved state: enough to know the file is ours and of this version, not a full schema of the account.
const SavedState = z.looseObject({
  version: z.literal(1),
  accountId: z.string().regex(/^\d{12}$/),
  sequence: z.number().int().nonnegative(),
  global: z.looseObject({ iam: z.looseObject({}), s3: z.looseObject({}) }),
  regions: z.record(z.string(), z.looseObject({ ec2: z.looseObject({}) })),
});

function parseState(file: string, text: string): SandboxState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SandboxFileError(file, `not JSON: ${(error as Error).message}`);
  }
  const parsed = SavedState.safeParse(json);
  if (!parsed.success) throw new SandboxFileError(file, parsed.error.issues.map((issue) => issue.message).join('; '));
  // The parsed JSON itself, not zod's copy: key order stays, so saving an unchanged account rewrites the same bytes.
  return json as SandboxState;
}

/**
 * The account saved in `file`, or a freshly seeded one when the file does not exist yet; throws SandboxFileError
 * when the file holds something else.
 */
export function loadAccount(file: string = DEFAULT_SANDBOX_FILE, options: SandboxOptions = {}): SandboxAccount {
  if (!existsSync(file)) return SandboxAccount.fromSeed(options);
  return new SandboxAccount(parseState(file, readFileSync(file, 'utf8')), options);
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
