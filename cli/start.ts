// `npm start`: the main job on the embedded sandbox. A fresh sandbox account from the seed; every sample
// event in events/ routed through the rules, every enabled schedule fired once, every manual case in
// events/manual/ run; one screen per playbook run. The account is then saved for the CLI to go on with.
import './quiet-logs.ts';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { projectRoot } from '../functions/shared/config/files.ts';
import { SandboxAccount } from '../sandbox/account.ts';
import { withSandboxLock } from '../sandbox/lock.ts';
import { saveAccount } from '../sandbox/store.ts';
import { lockWaitMs, OUT_DIR, SANDBOX_FILE } from './commands.ts';
import { reportError } from './errors.ts';
import { summarizeRun } from './print.ts';
import { assertEventShape, matchingPlaybooks } from './route.ts';
import { loadPlaybooks, type RunOptions, type RunResult, runPlaybook } from './runner.ts';
import { formatTraceEntry, type TraceEntry } from './trace.ts';

interface ManualCase {
  playbook: string;
  input: unknown;
  description?: string;
  approval?: 'approve' | 'reject';
  /** A case that shows a refusal (bad input, safety cap) expects FAILED. */
  expect?: 'SUCCEEDED' | 'FAILED';
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : name.endsWith('.json') ? [path] : [];
    });
}

// One screen per run: the work states and how they ended; `autopilot run` shows the full trace with AWS calls.
function worthShowing(entry: TraceEntry): boolean {
  if (entry.kind === 'call') return false;
  if (entry.kind === 'execution') return entry.event !== 'started';
  return ['Task', 'Map', 'Parallel', 'Fail'].includes(entry.type) && entry.event !== 'entered';
}

/**
 * One line of the closing summary: a case that shows a refusal and was refused reads "refused as expected" (with
 * the error), never as a ticked FAILED; only an outcome other than the expected one is marked.
 */
function outcomeLine(what: string, result: RunResult, expected: string): string {
  if (result.status !== expected) return `✖ ${result.status.padEnd(9)} ${what} (expected ${expected})`;
  if (result.status === 'SUCCEEDED') return `✔ ${'SUCCEEDED'.padEnd(9)} ${what}`;
  return `✔ refused as expected (${result.error?.Error ?? 'failed'}): ${what}`;
}

const rule = (title: string) => `\n${'━'.repeat(4)} ${title} ${'━'.repeat(Math.max(4, 100 - title.length))}`;

async function main(): Promise<number> {
  const { service } = loadPlaybooks({ stage: 'dev' });
  rmSync(resolve(projectRoot, OUT_DIR), { recursive: true, force: true });
  const account = SandboxAccount.fromSeed({ outDir: resolve(projectRoot, OUT_DIR) });
  const outcomes: { what: string; result: RunResult; expected: string }[] = [];
  const run = async (what: string, options: Omit<RunOptions, 'account'>, expected = 'SUCCEEDED') => {
    console.log(rule(what));
    const result = await runPlaybook({
      ...options,
      account,
      skipWaits: true,
      onTrace: (entry) => {
        if (worthShowing(entry)) console.log(formatTraceEntry(entry));
      },
    });
    for (const line of summarizeRun(result, resolve(projectRoot, OUT_DIR))) console.log(line);
    outcomes.push({ what, result, expected });
  };

  console.log('idp-autopilot on the embedded sandbox account (stage dev). Reports and messages go to out/.');
  const eventsDir = join(projectRoot, 'events');
  for (const file of filesUnder(eventsDir).filter((path) => !path.includes(`${join('events', 'manual')}`))) {
    const name = relative(projectRoot, file);
    const event = JSON.parse(readFileSync(file, 'utf8'));
    assertEventShape(event);
    const matches = matchingPlaybooks(service, event);
    if (matches.length === 0) {
      console.log(rule(`${name}`));
      console.log(
        `no rule matches (${event['detail-type']}, severity ${(event.detail as { severity?: unknown }).severity ?? '-'}): nothing runs`,
      );
    }
    for (const machine of matches)
      await run(`${name} → ${machine.playbook}`, { playbook: machine.playbook, input: event });
  }
  for (const machine of service.stateMachines) {
    for (const schedule of machine.schedules) {
      if (schedule.enabled === false) {
        // Deployed disabled (config turns it on): EventBridge never fires it, so neither does the replay.
        console.log(rule(`schedule ${schedule.cron} ${schedule.timezone ?? 'UTC'} → ${machine.playbook}`));
        console.log(`disabled in the stage's config (schedule.enabled: false): not fired`);
        continue;
      }
      await run(`schedule ${schedule.cron} ${schedule.timezone ?? 'UTC'} → ${machine.playbook}`, {
        playbook: machine.playbook,
        input: schedule.input,
      });
    }
  }
  for (const file of filesUnder(join(eventsDir, 'manual'))) {
    const manual = JSON.parse(readFileSync(file, 'utf8')) as ManualCase;
    const title = `by hand: ${manual.playbook}${manual.description ? ` — ${manual.description}` : ''}`;
    await run(title, { playbook: manual.playbook, input: manual.input, approval: manual.approval }, manual.expect);
  }
  // The same lock the CLI holds from load to save: a CLI run going on meanwhile is not overwritten half-way.
  const sandboxFile = resolve(projectRoot, SANDBOX_FILE);
  await withSandboxLock(sandboxFile, async () => saveAccount(account, sandboxFile), { waitMs: lockWaitMs() });

  console.log(rule('summary'));
  let unexpected = 0;
  for (const { what, result, expected } of outcomes) {
    const ok = result.status === expected;
    if (!ok) unexpected += 1;
    console.log(outcomeLine(what, result, expected));
  }
  console.log(
    `\nSandbox state saved to ${SANDBOX_FILE}; continue with \`npm run autopilot -- list\` (an example per playbook) or \`npm run autopilot -- sandbox show\` (the ids to use).`,
  );
  console.log(`Reports, SNS, Slack and PagerDuty messages: ${OUT_DIR}/`);
  return unexpected ? 1 : 0;
}

// Like the CLI: an unexpected error is one line (AUTOPILOT_DEBUG=1 adds the stack).
process.exitCode = await main().catch((error: unknown) => {
  const report = reportError(error);
  for (const line of report.lines) console.error(line);
  return report.exitCode;
});
