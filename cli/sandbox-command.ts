// `autopilot sandbox show [type]` and `autopilot sandbox reset`.
import { rmSync } from 'node:fs';
import { withSandboxLock } from '../sandbox/lock.ts';
import { loadAccount, resetAccount } from '../sandbox/store.ts';
import { lockWaitMs, OUT_DIR, SANDBOX_FILE } from './commands.ts';
import { type CliOptions, UsageError } from './options.ts';
import { LISTINGS, showSandbox } from './sandbox-show.ts';

type Write = (line: string) => void;

const ACTIONS = 'show [type] or reset';

/** `sandbox show` reads the saved account (a read needs no lock: saves replace the file whole); `reset` reseeds it. */
export async function sandboxCommand(options: CliOptions, write: Write): Promise<number> {
  const [action, ...rest] = options.args;
  if (action === 'show') {
    const types = rest.length ? rest : Object.keys(LISTINGS);
    const unknown = types.filter((type) => !LISTINGS[type]);
    if (unknown.length) {
      throw new UsageError(
        `sandbox show: unknown type ${unknown.join(', ')} (types: ${Object.keys(LISTINGS).join(', ')})`,
      );
    }
    for (const line of showSandbox(loadAccount(SANDBOX_FILE).state, types)) write(line);
    return 0;
  }
  if (action === 'reset') {
    await withSandboxLock(
      SANDBOX_FILE,
      async () => {
        resetAccount(SANDBOX_FILE);
        rmSync(OUT_DIR, { recursive: true, force: true });
      },
      { waitMs: lockWaitMs() },
    );
    write(
      `sandbox account reset to its seed (${SANDBOX_FILE}); cleared ${OUT_DIR}/ (reports and messages of earlier runs)`,
    );
    return 0;
  }
  throw new UsageError(`sandbox: the actions are ${ACTIONS}`);
}
