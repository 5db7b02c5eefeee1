// The autopilot commands. Each returns its exit code: 0 done, 1 a playbook run failed, 2 bad usage or input.
import { readFileSync } from 'node:fs';
import type { SandboxAccount } from '../sandbox/account.ts';
import { loadAccount, resetAccount, saveAccount } from '../sandbox/store.ts';
import { type CliOptions, readJsonArgument, UsageError } from './options.ts';
import { summarizeRun } from './print.ts';
import { assertEventShape, matchingPlaybooks } from './route.ts';
import { findPlaybook, loadPlaybooks, type RunResult, runPlaybook } from './runner.ts';
import { schemaText } from './schema-text.ts';
import { formatTraceEntry } from './trace.ts';

// Overridable so tests and parallel rehearsals can keep their own sandbox account.
export const SANDBOX_FILE = process.env.AUTOPILOT_SANDBOX_FILE ?? '.autopilot/sandbox.json';
export const OUT_DIR = process.env.AUTOPILOT_OUT_DIR ?? 'out';

type Write = (line: string) => void;

async function withTarget<T>(options: CliOptions, work: (account?: SandboxAccount) => Promise<T>): Promise<T> {
  if (options.live) return work(undefined);
  const account = loadAccount(SANDBOX_FILE, {
    outDir: OUT_DIR,
    latencyMs: options.latencyMs,
    // A rehearsal that skips waits skips the SDK's retry backoff too; otherwise retries pace as against AWS.
    retryDelays: options.skipWaits ? 'none' : 'sdk',
  });
  try {
    return await work(account);
  } finally {
    saveAccount(account, SANDBOX_FILE);
  }
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
  if (!options.json) for (const line of summarizeRun(result)) write(line);
  return result;
}

const jsonResult = (result: RunResult) => ({ ...result, trace: result.trace, calls: result.calls.length });

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
      write('');
    }
  }
  return 0;
}

export async function runCommand(options: CliOptions, write: Write): Promise<number> {
  const [playbook] = options.args;
  if (!playbook) throw new UsageError('run: name a playbook (autopilot list shows them)');
  // Validate everything before the sandbox is loaded, so bad input changes nothing.
  findPlaybook(loadPlaybooks(options).service, playbook);
  const input = readJsonArgument(options.input, '--input');
  return withTarget(options, async (account) => {
    const result = await runOne(playbook, input, options, account, write);
    if (options.json) write(JSON.stringify(jsonResult(result), null, 2));
    return result.status === 'SUCCEEDED' ? 0 : 1;
  });
}

export async function eventCommand(options: CliOptions, write: Write): Promise<number> {
  const [file] = options.args;
  if (!file) throw new UsageError('event: name an event file (e.g. events/guardduty/<case>.json)');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`event: cannot read ${file}`);
  }
  const event = readJsonArgument(text, `event ${file}`);
  assertEventShape(event);
  const { service } = loadPlaybooks(options);
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
    return results.every((result) => result.status === 'SUCCEEDED') ? 0 : 1;
  });
}

export async function sandboxCommand(options: CliOptions, write: Write): Promise<number> {
  const [action] = options.args;
  if (action !== 'reset') throw new UsageError('sandbox: the only action is "reset"');
  resetAccount(SANDBOX_FILE);
  write(`sandbox account reset to its seed (${SANDBOX_FILE})`);
  return 0;
}
