// Per playbook: wall time and AWS calls of one run on a fresh sandbox account with simulated latency
// (100 ms per call), Wait states skipped. The input is the playbook's first sample event, else its schedule's
// input, else its first manual case.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlaybooks, runPlaybook } from '../cli/runner.ts';
import { projectRoot } from '../functions/shared/config/files.ts';
import { SandboxAccount } from '../sandbox/account.ts';
import { matchesPattern } from '../serverless/event-patterns/matcher.ts';
import type { StateMachineDecl } from '../serverless/service.ts';

export interface PlaybookRow {
  playbook: string;
  input: string;
  status: string;
  wallMs: number;
  awsCalls: number;
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

export function sampleInput(
  machine: StateMachineDecl,
): { label: string; input: unknown; approval?: 'approve' } | undefined {
  const events = jsonFiles(join(projectRoot, 'events')).filter((file) => !file.includes('/manual/'));
  for (const file of events) {
    const event = JSON.parse(readFileSync(file, 'utf8'));
    if (machine.patterns.some((pattern) => matchesPattern(pattern, event)))
      return { label: file.slice(projectRoot.length + 1), input: event };
  }
  if (machine.schedules[0]) return { label: 'schedule', input: machine.schedules[0].input };
  const manual = jsonFiles(join(projectRoot, 'events', 'manual', machine.playbook))[0];
  if (manual) {
    const spec = JSON.parse(readFileSync(manual, 'utf8'));
    return { label: manual.slice(projectRoot.length + 1), input: spec.input, approval: spec.approval };
  }
  return undefined;
}

// Playbooks that undo another need it done first on the same account (not measured).
const prerequisites: Record<string, () => { playbook: string; input: unknown }> = {
  'release-instance': () => ({
    playbook: 'contain-instance',
    input: JSON.parse(
      readFileSync(join(projectRoot, 'events/guardduty/ec2-03-cryptocurrency-bitcoin-tool.json'), 'utf8'),
    ),
  }),
};

export async function benchPlaybooks(latencyMs: number): Promise<PlaybookRow[]> {
  const { service } = loadPlaybooks({ stage: 'dev' });
  const rows: PlaybookRow[] = [];
  for (const machine of service.stateMachines) {
    const sample = sampleInput(machine);
    if (!sample) continue;
    const account = SandboxAccount.fromSeed({ latencyMs });
    const before = prerequisites[machine.playbook];
    if (before) await runPlaybook({ ...before(), account, skipWaits: true });
    const result = await runPlaybook({
      playbook: machine.playbook,
      input: sample.input,
      account,
      skipWaits: true,
      approval: sample.approval,
    });
    rows.push({
      playbook: machine.playbook,
      input: sample.label,
      status: result.status,
      wallMs: result.durationMs,
      awsCalls: result.calls.length,
    });
  }
  return rows;
}
