// `autopilot doctor [--live]`: are the stack's prerequisites and the credentials there? One line per check, ✔ or
// ✘ with how to fix it; exit 0 when all pass, 1 otherwise. Without --live it asks the sandbox account (read only,
// never saved), whose seed passes.
import { installSandbox } from '../sandbox/intercept.ts';
import { loadAccount } from '../sandbox/store.ts';
import { loadTarget, SANDBOX_FILE } from './commands.ts';
import { type Check, type CheckResult, checkCredentials, runCheck, stackChecks } from './doctor-checks.ts';
import type { CliOptions } from './options.ts';
import type { Playbooks } from './runner.ts';

type Write = (line: string) => void;

/** One line of the report: `✔ what: found` or `✘ what: found → fix`. */
export function checkLine(result: CheckResult): string {
  return `${result.ok ? '✔' : '✘'} ${result.what}: ${result.found}${result.fix ? ` → ${result.fix}` : ''}`;
}

async function runChecks(options: CliOptions, { config, stage, service }: Playbooks): Promise<CheckResult[]> {
  const target = { service: service.service, stage, home: options.region ?? config.regions[0], config };
  const credentials = await checkCredentials(target.home);
  const checks = stackChecks(target);
  const { accountId } = credentials;
  if (!accountId) {
    const notChecked = (item: Check) => ({
      ok: false,
      what: item.what('<account>'),
      found: 'not checked without credentials',
    });
    return [credentials, ...checks.map(notChecked)];
  }
  return [credentials, ...(await Promise.all(checks.map((item) => runCheck(item, accountId))))];
}

/** `autopilot doctor`: checks live AWS with --live, else the sandbox account. */
export async function doctorCommand(options: CliOptions, write: Write): Promise<number> {
  const where = options.live
    ? `live AWS${process.env.AWS_ENDPOINT_URL ? ` at ${process.env.AWS_ENDPOINT_URL}` : ''}`
    : `the sandbox account (${SANDBOX_FILE})`;
  const playbooks = loadTarget(options);
  let results: CheckResult[];
  if (options.live) results = await runChecks(options, playbooks);
  else {
    const uninstall = installSandbox(loadAccount(SANDBOX_FILE));
    try {
      results = await runChecks(options, playbooks);
    } finally {
      uninstall();
    }
  }
  write(`autopilot doctor: stage ${options.stage} on ${where}`);
  for (const result of results) write(checkLine(result));
  const failed = results.filter((result) => !result.ok).length;
  write(failed ? `${failed} of ${results.length} checks failed` : `all ${results.length} checks passed`);
  return failed ? 1 : 0;
}
