// Command-line flags of `autopilot`, parsed and checked in one place: a bad flag is one clear message.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InvalidInputError } from '../functions/shared/errors/errors.ts';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `autopilot: the IDP runbook playbooks, run locally on the embedded sandbox account (default) or live.

Usage:
  autopilot list [--json]                          playbooks, their triggers and input
  autopilot run <playbook> [--input FILE|JSON]     execute the playbook's state machine locally
  autopilot event <FILE>                           route an EventBridge event through the rules, run what matches
  autopilot doctor [--live]                        check the stack's prerequisites and the credentials
  autopilot sandbox show [TYPE]                    the sandbox's instances, users, volumes, snapshots, addresses, alarms
  autopilot sandbox reset                          restore the sandbox account to its seed and clear out/
  autopilot ack <INC-id> [--by NAME]               acknowledge an incident (escalation stops, updates go on)
  autopilot incidents [--json]                     open and recent incidents: severity, age, acknowledged by, next update
  autopilot abort <playbook> [<execution>]         stop a traffic shift (blue back to 100%) or end a maintenance window

Options:
  --stage NAME        config/NAME.yml over config/default.yml (default dev)
  --config FILE       a config file outside the repo instead of config/<stage>.yml
  --region REGION     the stack's home region (default: the first configured region)
  --live              real AWS through the default credential chain (honours AWS_ENDPOINT_URL)
  --dry-run           list every action the playbook would take; change nothing
  --skip-waits        Wait states, retry intervals and the sandbox's SDK retry backoff take no time (rehearsals)
  --approve|--reject  how the operator answers approval requests in this run (default: reject)
  --by NAME           who acknowledges (ack; default: the OS user)
  --latency MS        simulated latency per sandbox call (not with --live)
  --json              machine-readable result on stdout
  --quiet             no trace, only the summary
  -h, --help`;

export interface CliOptions {
  command: string;
  args: string[];
  stage: string;
  configFile?: string;
  region?: string;
  live: boolean;
  dryRun: boolean;
  skipWaits: boolean;
  approval?: 'approve' | 'reject';
  latencyMs?: number;
  json: boolean;
  quiet: boolean;
  input?: string;
  by?: string;
  help: boolean;
}

export function parseCli(argv: string[]): CliOptions {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        stage: { type: 'string' },
        config: { type: 'string' },
        region: { type: 'string' },
        input: { type: 'string' },
        by: { type: 'string' },
        latency: { type: 'string' },
        live: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        'skip-waits': { type: 'boolean', default: false },
        approve: { type: 'boolean', default: false },
        reject: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command = 'help', ...args] = positionals;
  if (values.approve && values.reject) throw new UsageError('--approve and --reject exclude each other');
  const latency = values.latency === undefined ? undefined : Number(values.latency);
  if (latency !== undefined && !(Number.isInteger(latency) && latency >= 0 && latency <= 60_000)) {
    throw new UsageError('--latency takes whole milliseconds from 0 to 60000');
  }
  if (latency !== undefined && values.live) {
    throw new UsageError(
      '--latency simulates latency on the sandbox; with --live the latency is real (drop --latency)',
    );
  }
  if (values.region !== undefined && !/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(String(values.region))) {
    throw new UsageError(`--region "${values.region}" is not an AWS region code such as us-east-1`);
  }
  return {
    command,
    args,
    stage: (values.stage as string | undefined) ?? 'dev',
    configFile: values.config as string | undefined,
    region: values.region as string | undefined,
    live: Boolean(values.live),
    dryRun: Boolean(values['dry-run']),
    skipWaits: Boolean(values['skip-waits']),
    approval: values.approve ? 'approve' : values.reject ? 'reject' : undefined,
    latencyMs: latency,
    json: Boolean(values.json),
    quiet: Boolean(values.quiet),
    input: values.input as string | undefined,
    by: values.by as string | undefined,
    help: Boolean(values.help),
  };
}

/** --input takes a file path or inline JSON; either must hold a JSON object. */
export function readJsonArgument(value: string | undefined, what: string): unknown {
  if (value === undefined) return {};
  // Inline JSON starts with { or [; anything else is a file, and a missing one is said as such.
  if (!existsSync(value) && !/^\s*[[{]/.test(value)) throw new InvalidInputError(`${what}: no file ${value}`);
  const text = existsSync(value) ? readFileSync(value, 'utf8') : value;
  try {
    return JSON.parse(text);
  } catch (error) {
    const source = existsSync(value) ? value : 'inline JSON';
    throw new InvalidInputError(`${what}: ${source} is not valid JSON (${(error as Error).message})`);
  }
}
