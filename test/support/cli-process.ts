// Runs the `autopilot` CLI as its own process (pinned Node 24), as a user's shell would, and collects what it
// printed and how it exited.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const projectDir = join(import.meta.dirname, '..', '..');

export interface CliProcess {
  child: ChildProcess;
  /** Resolves when the process has exited. */
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Starts `autopilot <args>` with exactly `env` (plus PATH), in the project directory. */
export function startCli(args: string[], env: Record<string, string | undefined>): CliProcess {
  const child = spawn(join(projectDir, 'node_modules/.bin/node'), [join(projectDir, 'cli/autopilot.ts'), ...args], {
    cwd: projectDir,
    env: { PATH: process.env.PATH, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

/** Runs `autopilot <args>` to its end. */
export function runCli(args: string[], env: Record<string, string | undefined>) {
  return startCli(args, env).done;
}
