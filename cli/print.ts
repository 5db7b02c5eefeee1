// What the CLI prints for a finished run: a one-screen summary a newcomer can read.
import { isAbsolute, relative, resolve } from 'node:path';
import type { RunResult } from './runner.ts';
import { changesOf } from './trace.ts';

/**
 * Where a sandbox run's report can be opened: `s3://bucket/key` is also written to `<outDir>/s3/bucket/key`
 * (relative to the working directory when it lies below it). Live runs keep the S3 URI.
 */
export function reportLocation(uri: string, outDir?: string): string {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!outDir || !match) return uri;
  const file = resolve(outDir, 's3', match[1], match[2]);
  const fromHere = relative(process.cwd(), file);
  return fromHere.startsWith('..') || isAbsolute(fromHere) ? file : fromHere;
}

/** The summary of a run; with `outDir` (a sandbox run) reports are named by the out/ file that holds them. */
export function summarizeRun(result: RunResult, outDir?: string): string[] {
  const changes = changesOf(result.calls);
  const lines = [
    '',
    `${result.status === 'SUCCEEDED' ? '✔' : '✖'} ${result.playbook} ${result.status} in ${(result.durationMs / 1000).toFixed(2)}s, ${result.calls.length} AWS call(s)`,
  ];
  if (result.error) lines.push(`  error: ${result.error.Error}: ${readableCause(result.error.Cause)}`);
  // The audit trail records changes to AWS resources; records, reports and notices are in the summary below.
  if (changes.length === 0) lines.push('  actions: none recorded in the audit trail');
  else {
    lines.push(`  actions (${changes.length}, from the audit trail):`);
    // The execution runs in the home account: a change elsewhere (a member account) names its account.
    const home = result.executionArn.split(':')[4];
    for (const change of changes.slice(0, 25)) {
      const where =
        change.account && change.account !== home ? `${change.region}, account ${change.account}` : change.region;
      lines.push(`    ${change.outcome.padEnd(12)} ${change.action} ${change.resource} (${where})`);
    }
    if (changes.length > 25) lines.push(`    … and ${changes.length - 25} more (see the report)`);
  }
  const output = result.output as { summary?: string; reports?: { uri: string }[]; undelivered?: string[] } | undefined;
  if (output?.summary) lines.push(`  summary: ${output.summary}`);
  for (const lost of output?.undelivered ?? []) lines.push(`  undelivered: ${lost}`);
  for (const report of output?.reports ?? []) lines.push(`  report: ${reportLocation(report.uri, outDir)}`);
  return lines;
}

const shellQuote = (text: string) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

/**
 * A Fail state's Cause as one line for people: a JSON cause (a Lambda error's {errorMessage}, a playbook's
 * {summary, reason} kept machine-readable for its callers) reads as its message; anything else as it is.
 */
export function readableCause(cause: string | undefined): string {
  if (!cause) return '';
  try {
    const parsed = JSON.parse(cause) as Record<string, unknown>;
    const text = parsed?.errorMessage ?? parsed?.summary ?? parsed?.reason;
    return typeof text === 'string' ? text : cause;
  } catch {
    return cause;
  }
}

/** A manifest's example as the command line that runs it: `npm run autopilot -- run <playbook> --input '…' …`. */
export function exampleCommand(
  playbook: string,
  example: { input: Record<string, unknown>; flags?: string[] },
  hasWaits = false,
): string {
  const input = Object.keys(example.input).length ? ['--input', shellQuote(JSON.stringify(example.input))] : [];
  const flags = example.flags ?? [];
  // A playbook that waits (bakes, polls, a maintenance window) would take its real minutes on the sandbox.
  const skip = hasWaits && !flags.includes('--skip-waits') ? ['--skip-waits'] : [];
  return ['npm run autopilot --', 'run', playbook, ...input, ...flags, ...skip].join(' ');
}
