// The autopilot commands that run playbooks. Each returns its exit code: 0 done, 1 a playbook run failed, 2 bad
// usage, config or input (refused before the sandbox is loaded, so nothing changed; or an execution that failed on
// its input while running).
import { readFileSync } from 'node:fs';
import { loadStageConfig } from '../functions/playbooks.ts';
import type { SandboxAccount } from '../sandbox/account.ts';
import { withSandboxLock } from '../sandbox/lock.ts';
import { loadAccount, saveAccount } from '../sandbox/store.ts';
import { checkedInput } from './input.ts';
import { type CliOptions, readJsonArgument, UsageError } from './options.ts';
import { exampleCommand, summarizeRun } from './print.ts';
import { assertEventShape, matchingPlaybooks } from './route.ts';
import { findPlaybook, loadPlaybooks, type Playbooks, type RunResult, runPlaybook } from './runner.ts';
import { schemaText } from './schema-text.ts';
import { formatTraceEntry } from './trace.ts';

// Overridable so tests and parallel rehearsals can keep their own sandbox account.
export const SANDBOX_FILE = process.env.AUTOPILOT_SANDBOX_FILE ?? '.autopilot/sandbox.json';
export const OUT_DIR = process.env.AUTOPILOT_OUT_DIR ?? 'out';

type Write = (line: string) => void;

/** How long a run waits for another process to finish with the sandbox before refusing (AUTOPILOT_LOCK_WAIT_MS). */
export function lockWaitMs(): number {
  const value = Number(process.env.AUTOPILOT_LOCK_WAIT_MS ?? 5_000);
  return Number.isFinite(value) && value >= 0 ? value : 5_000;
}

/** The stage's playbooks and config; a --region outside the configured regions is a usage error. */
export function loadTarget(options: CliOptions): Playbooks {
  // The flag is checked before the service is declared for that region, so the refusal names --region.
  const config = loadStageConfig({ stage: options.stage ?? 'dev', file: options.configFile });
  if (options.region && !config.regions.includes(options.region)) {
    const regions = config.regions.join(', ');
    throw new UsageError(`--region ${options.region} is not one of the configured regions (${regions})`);
  }
  return loadPlaybooks({ ...options, config });
}

/**
 * Runs `work` on the sandbox account (locked from load to save, so a concurrent CLI run neither loses this run's
 * changes nor starts from the state before them), or on live AWS.
 */
async function withTarget<T>(options: CliOptions, work: (account?: SandboxAccount) => Promise<T>): Promise<T> {
  if (options.live) return work(undefined);
  return withSandboxLock(
    SANDBOX_FILE,
    async (assertHeld) => {
      const account = loadAccount(SANDBOX_FILE, {
        outDir: OUT_DIR,
        latencyMs: options.latencyMs,
        // A rehearsal that skips waits skips the SDK's retry backoff too; otherwise retries pace as against AWS.
        retryDelays: options.skipWaits ? 'none' : 'sdk',
      });
      try {
        return await work(account);
      } finally {
        assertHeld();
        saveAccount(account, SANDBOX_FILE);
      }
    },
    { waitMs: lockWaitMs() },
  );
}

const INPUT_ERRORS = new Set(['InvalidInputError', 'ResourceNotFoundError']);

/**
 * 0 when every run succeeded; 2 when the failed ones all failed on their input (a bad value or an id that does not
 * exist, found only while running); 1 otherwise.
 */
export function exitCodeOf(results: Pick<RunResult, 'status' | 'error'>[]): number {
  const failed = results.filter((result) => result.status !== 'SUCCEEDED');
  if (failed.length === 0) return 0;
  return failed.every((result) => INPUT_ERRORS.has(result.error?.Error ?? '')) ? 2 : 1;
}

async function runOne(
  playbook: string,
  input: unknown,
  options: CliOptions,
  account: SandboxAccount | undefined,
  write: Write,
): Promise<RunResult> {
  const live = !options.json && !options.quiet;
  const result = await runPlaybook({
    playbook,
    input,
    stage: options.stage,
    configFile: options.configFile,
    region: options.region,
    account,
    live: options.live,
    dryRun: options.dryRun,
    skipWaits: options.skipWaits,
    approval: options.approval,
    onTrace: live ? (entry) => write(formatTraceEntry(entry)) : undefined,
  });
  if (!options.json) for (const line of summarizeRun(result, account ? OUT_DIR : undefined)) write(line);
  return result;
}

const jsonResult = (result: RunResult) => ({ ...result, trace: result.trace, calls: result.calls.length });

/** `autopilot list`: every playbook, its triggers, the input it takes and one example that runs as printed. */
export async function listCommand(options: CliOptions, write: Write): Promise<number> {
  const { service } = loadPlaybooks(options);
  const rows = service.stateMachines.map(({ manifest, ...machine }) => ({
    playbook: machine.playbook,
    stateMachine: machine.name,
    description: manifest.purpose,
    runbook: manifest.runbook,
    rules: machine.patterns,
    schedules: machine.schedules,
    input: manifest.input ? schemaText(manifest.input) : 'any JSON object',
    example:
      manifest.example &&
      exampleCommand(manifest.name, manifest.example, JSON.stringify(machine.definition).includes('"Type":"Wait"')),
  }));
  if (options.json) write(JSON.stringify(rows, null, 2));
  else {
    for (const row of rows) {
      write(`${row.playbook}`);
      write(`  ${row.description} (runbook: ${row.runbook})`);
      for (const schedule of row.schedules)
        write(`  schedule: ${schedule.cron} ${schedule.timezone}${schedule.enabled ? '' : ' (disabled)'}`);
      for (const rule of row.rules) write(`  rule: ${JSON.stringify(rule)}`);
      write(`  input: ${row.input}`);
      if (row.example) write(`  example: ${row.example}`);
      write('');
    }
  }
  return 0;
}

/** `autopilot run <playbook>`: input, flags and config checked before the sandbox is loaded. */
export async function runCommand(options: CliOptions, write: Write): Promise<number> {
  const [playbook, ...extra] = options.args;
  if (!playbook) throw new UsageError('run: name a playbook (autopilot list shows them)');
  if (extra.length)
    throw new UsageError(`run: one playbook at a time; unexpected ${extra.join(' ')} (input goes in --input)`);
  // Validate everything before the sandbox is loaded, so bad input changes nothing.
  const { service, config } = loadTarget(options);
  const machine = findPlaybook(service, playbook);
  const input = checkedInput(machine.manifest, readJsonArgument(options.input, '--input'), options.dryRun, config);
  return withTarget(options, async (account) => {
    const result = await runOne(machine.playbook, input, options, account, write);
    if (options.json) write(JSON.stringify(jsonResult(result), null, 2));
    return exitCodeOf([result]);
  });
}

/** `autopilot event <file>`: the event routed through the rules; every playbook it matches runs. */
export async function eventCommand(options: CliOptions, write: Write): Promise<number> {
  const [file, ...extra] = options.args;
  if (!file) throw new UsageError('event: name an event file (e.g. events/guardduty/<case>.json)');
  if (extra.length) throw new UsageError(`event: one event file at a time; unexpected ${extra.join(' ')}`);
  // The event is the input of every playbook it starts: an --input as well would be silently ignored.
  if (options.input !== undefined) throw new UsageError('--input: not with event (the event file is the input)');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`event: cannot read ${file}`);
  }
  const event = readJsonArgument(text, `event ${file}`);
  assertEventShape(event);
  const { service } = loadTarget(options);
  const matches = matchingPlaybooks(service, event);
  if (matches.length === 0) {
    if (options.json) write(JSON.stringify({ event: file, matched: [] }));
    else write(`no rule matches ${file} (${event.source} / ${event['detail-type']}): nothing runs`);
    return 0;
  }
  return withTarget(options, async (account) => {
    const results: RunResult[] = [];
    for (const machine of matches) {
      if (!options.json) write(`${file} matches the rule of ${machine.playbook}`);
      results.push(await runOne(machine.playbook, event, options, account, write));
    }
    if (options.json) write(JSON.stringify({ event: file, matched: results.map(jsonResult) }, null, 2));
    return exitCodeOf(results);
  });
}
