#!/usr/bin/env node
// `autopilot`: the local face of the playbooks. Exit codes: 0 done, 1 a playbook run failed, 2 bad usage,
// config or input (nothing was changed).
import { AutopilotError } from '../functions/shared/errors/errors.ts';
import { abortCommand } from './abort.ts';
import { eventCommand, listCommand, runCommand, sandboxCommand } from './commands.ts';
import { parseCli, USAGE, UsageError } from './options.ts';

const commands = {
  list: listCommand,
  run: runCommand,
  event: eventCommand,
  sandbox: sandboxCommand,
  abort: abortCommand,
};

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
    if (error instanceof UsageError || error instanceof AutopilotError) {
      console.error(`autopilot: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
