// `autopilot abort <playbook> [<execution>]`: ends a running traffic shift (blue back to 100%, the canary rule removed)
// or a maintenance window (maintenance_mode and alarm actions restored) in one command. Without an execution it takes
// the one execution of the playbook that holds a lock. Live, it stops the execution (StopExecution; Step Functions
// runs no Catch) and starts the playbook's restore with the stopped execution's status-change event, the input its
// EventBridge rule delivers too (best effort): the restore claims the work, so it runs once. On the sandbox, where no
// execution keeps running, it runs that restore locally. Exit 0 when the restore succeeded (or was started, live).
import { S3Client } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { awsClient } from '../functions/shared/aws/clients.ts';
import { activeLocks } from '../functions/shared/claims/locks.ts';
import { readRunRecord, runRecordKey } from '../functions/shared/claims/records.ts';
import { stoppedExecutionEvent } from '../functions/shared/playbook/stopped.ts';
import type { SandboxAccount } from '../sandbox/account.ts';
import { installSandbox } from '../sandbox/intercept.ts';
import { loadAccount, saveAccount } from '../sandbox/store.ts';
import type { StateMachineDecl } from '../serverless/service.ts';
import { OUT_DIR, SANDBOX_FILE } from './commands.ts';
import { type CliOptions, UsageError } from './options.ts';
import { summarizeRun } from './print.ts';
import { findPlaybook, loadPlaybooks, runPlaybook } from './runner.ts';
import { formatTraceEntry } from './trace.ts';

type Write = (line: string) => void;

/** A playbook can be aborted when it restores after its own stopped executions (its rule on aws.states). */
const abortable = (machine: StateMachineDecl) =>
  machine.patterns.some((pattern) => JSON.stringify(pattern.source) === '["aws.states"]');

/** The execution to abort: the one named, or the one of this playbook that holds a lock. */
async function executionName(
  machine: StateMachineDecl,
  named: string | undefined,
  where: { region: string; bucket: string },
): Promise<string> {
  if (named) return named.startsWith('arn:') ? named.split(':').at(-1)! : named;
  const locks = await activeLocks(awsClient(S3Client, where.region), where.bucket, {
    now: new Date(),
    playbooks: [machine.playbook],
  });
  const names = [...new Set(locks.map((lock) => lock.executionName))];
  if (names.length === 1) return names[0];
  if (!names.length)
    throw new UsageError(`abort: no running ${machine.playbook} execution holds a lock; name the execution`);
  throw new UsageError(
    `abort: ${names.length} ${machine.playbook} executions are running (${names.join(', ')}); name one`,
  );
}

/** Live: stop the execution if it still runs, then start the restore (named after it, so a repeat starts none). */
async function abortLive(machine: StateMachineDecl, executionArn: string, region: string, write: Write) {
  const sfn = awsClient(SFNClient, region);
  try {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status === 'RUNNING') {
      await sfn.send(new StopExecutionCommand({ executionArn, error: 'Aborted', cause: 'autopilot abort' }));
      write(`stopped ${executionArn}`);
    } else write(`${executionArn} is ${described.status}: restoring what it left`);
  } catch (error) {
    if (!(error instanceof ExecutionDoesNotExist)) throw error;
    write(`${executionArn} does not exist (any more): restoring what its run record says`);
  }
  const name = `restore-${executionArn.split(':').at(-1)}`.slice(0, 80);
  const stateMachineArn = executionArn.replace(':execution:', ':stateMachine:').replace(/:[^:]+$/, '');
  try {
    const started = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        name,
        input: JSON.stringify(stoppedExecutionEvent(executionArn, 'ABORTED', new Date())),
      }),
    );
    write(`restore started: ${started.executionArn}`);
    write(`follow it: aws stepfunctions describe-execution --execution-arn ${started.executionArn}`);
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
    write(`a restore of ${machine.playbook} execution ${executionArn.split(':').at(-1)} was started already (${name})`);
  }
  return 0;
}

async function abortOnSandbox(
  options: CliOptions,
  machine: StateMachineDecl,
  account: SandboxAccount,
  named: string | undefined,
  write: Write,
): Promise<number> {
  const { service } = loadPlaybooks(options);
  const region = options.region ?? service.region;
  const bucket = `${service.service}-${service.stage}-reports-${account.accountId}`;
  const uninstall = installSandbox(account);
  let name: string;
  try {
    name = await executionName(machine, named, { region, bucket });
    // On the sandbox no execution outlives its command: one that recorded nothing has nothing to undo, and its
    // restore would report success. Refuse it by name (live, Step Functions itself knows the execution).
    const key = runRecordKey(machine.playbook, name);
    if (!(await readRunRecord(awsClient(S3Client, region), bucket, key)))
      throw new UsageError(`abort: no ${machine.playbook} execution ${name} on record (${key}): nothing to undo`);
  } finally {
    uninstall();
  }
  const executionArn = `arn:aws:states:${region}:${account.accountId}:execution:${machine.name}:${name}`;
  const result = await runPlaybook({
    playbook: machine.playbook,
    input: stoppedExecutionEvent(executionArn, 'ABORTED', new Date()),
    stage: options.stage,
    configFile: options.configFile,
    region,
    account,
    skipWaits: true,
    onTrace: options.quiet || options.json ? undefined : (entry) => write(formatTraceEntry(entry)),
  });
  if (options.json) write(JSON.stringify({ ...result, calls: result.calls.length }, null, 2));
  else for (const line of summarizeRun(result)) write(line);
  return result.status === 'SUCCEEDED' ? 0 : 1;
}

export async function abortCommand(options: CliOptions, write: Write): Promise<number> {
  const [playbook, named] = options.args;
  if (!playbook)
    throw new UsageError('abort: name a playbook (traffic-shift, maintenance-window) and optionally an execution');
  const { service } = loadPlaybooks(options);
  const machine = findPlaybook(service, playbook);
  if (!abortable(machine)) throw new UsageError(`abort: ${machine.playbook} has nothing to restore after a stop`);
  if (options.live) {
    const region = options.region ?? service.region;
    const accountId = (await awsClient(STSClient, region).send(new GetCallerIdentityCommand({}))).Account!;
    const bucket = `${service.service}-${service.stage}-reports-${accountId}`;
    const name = await executionName(machine, named, { region, bucket });
    return abortLive(machine, `arn:aws:states:${region}:${accountId}:execution:${machine.name}:${name}`, region, write);
  }
  // As the other commands keep the sandbox account between runs (commands.ts).
  const account = loadAccount(SANDBOX_FILE, { outDir: OUT_DIR, latencyMs: options.latencyMs });
  try {
    return await abortOnSandbox(options, machine, account, named, write);
  } finally {
    saveAccount(account, SANDBOX_FILE);
  }
}
