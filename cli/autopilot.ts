#!/usr/bin/env node
// `autopilot`: the local face of the playbooks. Exit codes: 0 done, 1 a playbook run failed (or doctor found
// something missing), 2 bad usage, config, input, credentials or sandbox file (nothing was changed). No stack traces:
// every error is one line (AUTOPILOT_DEBUG=1 adds the stack).
import './quiet-logs.ts';
import { abortCommand } from './abort.ts';
import { eventCommand, listCommand, runCommand } from './commands.ts';
import { doctorCommand } from './doctor.ts';
import { reportError } from './errors.ts';
import { ackCommand, incidentsCommand } from './incidents.ts';
import { parseCli, USAGE, UsageError } from './options.ts';
import { sandboxCommand } from './sandbox-command.ts';

const commands = {
  list: listCommand,
  run: runCommand,
  event: eventCommand,
  doctor: doctorCommand,
  sandbox: sandboxCommand,
  ack: ackCommand,
  incidents: incidentsCommand,
  abort: abortCommand,
};

/** Runs the CLI on `argv`, printing through `write` (errors to stderr, one line each); returns the exit code. */
export async function main(argv: string[], write = (line: string) => console.log(line)): Promise<number> {
  try {
    const options = parseCli(argv);
    if (options.help || options.command === 'help') {
      write(USAGE);
      return options.help ? 0 : 2;
    }
    const command = commands[options.command as keyof typeof commands];
    if (!command)
      throw new UsageError(`unknown command "${options.command}" (commands: ${Object.keys(commands).join(', ')})`);
    return await command(options, write);
  } catch (error) {
    const report = reportError(error);
    for (const line of report.lines) console.error(line);
    return report.exitCode;
  }
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
