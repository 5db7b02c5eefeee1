// What the CLI prints for a finished run: a one-screen summary a newcomer can read.
import type { RunResult } from './runner.ts';
import { changesOf } from './trace.ts';

export function summarizeRun(result: RunResult): string[] {
  const changes = changesOf(result.calls);
  const lines = [
    '',
    `${result.status === 'SUCCEEDED' ? '✔' : '✖'} ${result.playbook} ${result.status} in ${(result.durationMs / 1000).toFixed(2)}s, ${result.calls.length} AWS call(s)`,
  ];
  if (result.error) lines.push(`  error: ${result.error.Error}: ${result.error.Cause}`);
  if (changes.length === 0) lines.push('  changed: nothing');
  else {
    lines.push(`  actions (${changes.length}, from the audit trail):`);
    for (const change of changes.slice(0, 25)) {
      lines.push(`    ${change.outcome.padEnd(12)} ${change.action} ${change.resource} (${change.region})`);
    }
    if (changes.length > 25) lines.push(`    … and ${changes.length - 25} more (see the report)`);
  }
  const output = result.output as { summary?: string; reports?: { uri: string }[]; undelivered?: string[] } | undefined;
  if (output?.summary) lines.push(`  summary: ${output.summary}`);
  for (const lost of output?.undelivered ?? []) lines.push(`  undelivered: ${lost}`);
  for (const report of output?.reports ?? []) lines.push(`  report: ${report.uri}`);
  return lines;
}
