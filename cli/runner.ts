// Executes a playbook's real state machine definition locally (aws-local-stepfunctions); its Task states
// run the real Lambda handlers in-process, against the embedded sandbox account or, with live, real AWS.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Context } from 'aws-lambda';
import { StateMachine } from 'aws-local-stepfunctions';
import type { Config } from '../functions/playbooks.ts';
import { loadStageConfig } from '../functions/playbooks.ts';
import { awsClient, type ObservedCall, observeCalls } from '../functions/shared/aws/clients.ts';
import { projectRoot } from '../functions/shared/config/files.ts';
import { AutopilotError, InvalidInputError } from '../functions/shared/errors/errors.ts';
import type { SandboxAccount } from '../sandbox/account.ts';
import { installFetchSandbox } from '../sandbox/http.ts';
import { installSandbox } from '../sandbox/intercept.ts';
import {
  reportsBucketPrefix,
  type ServiceDecl,
  type StateMachineDecl,
  serviceDeclaration,
} from '../serverless/service.ts';
import { functionArn, prepareDefinition, type TaskBinding } from './definition.ts';
import { guardTasks, type LocalHandler } from './task-guard.ts';
import { collectTrace, type TraceEntry } from './trace.ts';

export class UnknownPlaybookError extends AutopilotError {}
export class ApprovalRejected extends AutopilotError {}

export interface RunOptions {
  playbook: string;
  input: unknown;
  stage?: string;
  configFile?: string;
  /** Already validated config (tests); otherwise read from config/ for the stage. */
  config?: Config;
  /** The sandbox account to run against; omit and set live to use real AWS (or AWS_ENDPOINT_URL). */
  account?: SandboxAccount;
  live?: boolean;
  /** The stack's home region; default the first configured region. */
  region?: string;
  skipWaits?: boolean;
  dryRun?: boolean;
  /** How a human answers approval requests (waitForTaskToken) in this rehearsal; default reject. */
  approval?: 'approve' | 'reject';
  executionName?: string;
  onTrace?: (entry: TraceEntry) => void;
}

export interface RunResult {
  playbook: string;
  executionArn: string;
  status: 'SUCCEEDED' | 'FAILED';
  output?: unknown;
  error?: { Error: string; Cause: string };
  trace: TraceEntry[];
  calls: ObservedCall[];
  /** Epoch ms the execution started; trace `at` values are relative to it. */
  startedAt: number;
  durationMs: number;
}

export interface Playbooks {
  config: Config;
  stage: string;
  service: ServiceDecl;
}

export function loadPlaybooks(options: {
  stage?: string;
  configFile?: string;
  config?: Config;
  region?: string;
}): Playbooks {
  const stage = options.stage ?? 'dev';
  const config = options.config ?? loadStageConfig({ stage, file: options.configFile });
  // A region other than the home region is the stack's copy there (its standby playbooks, its own home).
  return { config, stage, service: serviceDeclaration(config, stage, options.region ?? config.regions[0]) };
}

export function findPlaybook(service: ServiceDecl, name: string): StateMachineDecl {
  const machine = service.stateMachines.find((candidate) => candidate.playbook === name || candidate.key === name);
  if (!machine) {
    const known = service.stateMachines.map((candidate) => candidate.playbook).join(', ');
    const where = service.standby ? ` in the copy of the stack in ${service.region}` : '';
    throw new UnknownPlaybookError(`unknown playbook "${name}"${where} (known: ${known})`);
  }
  return machine;
}

function fakeLambdaContext(functionName: string, arn: string): Context {
  const deadline = Date.now() + 900_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: arn,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Lambda hands functions JSON and returns JSON: Dates become strings, undefined disappears. */
const asJson = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

async function bindTask(
  task: TaskBinding,
  service: ServiceDecl,
  arnOf: (key: string) => string,
  approval: RunOptions['approval'],
  region: string,
): Promise<LocalHandler> {
  if (task.integration === 'itemReader') return readItems(region);
  const decl = service.functions[task.functionKey];
  if (!decl)
    throw new Error(`state "${task.state}" names function "${task.functionKey}", not declared in serverless.yml`);
  const module = await import(pathToFileURL(join(projectRoot, decl.modulePath)).href);
  const name = `${service.service}-${task.functionKey}`;
  const invoke = async (payload: unknown) =>
    asJson(await module.handler(asJson(payload), fakeLambdaContext(name, arnOf(task.functionKey))));
  if (task.integration === 'direct') return invoke;
  return async (input) => {
    const payload = (input as { Payload?: unknown }).Payload ?? {};
    const result = await invoke(payload);
    if (task.integration === 'invoke') return { Payload: result, StatusCode: 200, ExecutedVersion: '$LATEST' };
    if (approval === 'approve') return { approved: true, by: 'autopilot-cli' };
    throw new ApprovalRejected(
      approval === 'reject'
        ? 'rejected by the operator (--reject)'
        : 'no approval given in this rehearsal (pass --approve)',
    );
  };
}

/** A Distributed Map's ItemReader (s3:getObject, JSON), read as Step Functions does: the object's JSON array. */
function readItems(region: string): LocalHandler {
  return async (input) => {
    const { Bucket, Key } = input as { Bucket: string; Key: string };
    const object = await awsClient(S3Client, region).send(new GetObjectCommand({ Bucket, Key }));
    const items = JSON.parse((await object.Body?.transformToString()) ?? 'null');
    if (!Array.isArray(items)) throw new Error(`ItemReader: s3://${Bucket}/${Key} does not hold a JSON array`);
    return items;
  };
}

function setEnvironment(values: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  Object.assign(process.env, values);
  return () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

export async function runPlaybook(options: RunOptions): Promise<RunResult> {
  if (!options.account && !options.live) throw new Error('runPlaybook: pass a sandbox account or live: true');
  const { stage, service, ...loaded } = loadPlaybooks(options);
  const config = service.config ?? loaded.config;
  const machine = findPlaybook(service, options.playbook);
  if (options.input === null || typeof options.input !== 'object' || Array.isArray(options.input)) {
    throw new InvalidInputError('input: must be a JSON object');
  }
  const input = options.dryRun ? { ...options.input, dryRun: true } : options.input;
  const region = options.region ?? config.regions[0];
  const calls: ObservedCall[] = [];
  const uninstall = options.account ? [installSandbox(options.account), installFetchSandbox(options.account)] : [];
  observeCalls((call) => calls.push(call));
  const restoreEnv = setEnvironment({
    AWS_REGION: region,
    POWERTOOLS_LOG_LEVEL: process.env.AUTOPILOT_LOG_LEVEL ?? 'SILENT',
  });
  try {
    const accountId =
      options.account?.accountId ??
      (await awsClient(STSClient, region).send(new GetCallerIdentityCommand({}))).Account!;
    const restoreRuntime = setEnvironment({
      STAGE: stage,
      AUTOPILOT_CONFIG: JSON.stringify(config),
      REPORTS_BUCKET: `${reportsBucketPrefix(stage, service.standby ? region : undefined)}-${accountId}`,
      NOTIFY_TOPIC_ARN: `arn:aws:sns:${region}:${accountId}:${service.service}-${stage}-notifications`,
      AUDIT_BUS_NAME: 'default',
    });
    try {
      return await execute(machine, service, { ...options, input }, { region, accountId, stage, calls });
    } finally {
      restoreRuntime();
    }
  } finally {
    restoreEnv();
    observeCalls(undefined);
    for (const undo of uninstall.reverse()) undo();
  }
}

async function execute(
  machine: StateMachineDecl,
  service: ServiceDecl,
  options: RunOptions,
  where: { region: string; accountId: string; stage: string; calls: ObservedCall[] },
): Promise<RunResult> {
  const arnOf = (key: string) => functionArn(where.region, where.accountId, service.service, where.stage, key);
  const prepared = prepareDefinition(machine.definition, arnOf);
  const bound: Record<string, LocalHandler> = {};
  for (const task of prepared.tasks)
    bound[task.state] = await bindTask(task, service, arnOf, options.approval, where.region);
  const tasks = guardTasks(bound);
  const stateMachine = new StateMachine(prepared.definition as never, { validationOptions: { checkArn: false } });
  const name =
    options.executionName ?? `${machine.playbook}-${new Date().toISOString().replace(/[:.]/g, '-')}`.slice(0, 80);
  const executionArn = `arn:aws:states:${where.region}:${where.accountId}:execution:${machine.name}:${name}`;
  const startedAt = Date.now();
  // A skipped wait still lasts 1 ms: aws-local-stepfunctions runs a 0 ms wait without yielding, so a polling loop in
  // one branch would starve the timers of a sibling branch (a chat retry's backoff) and spin forever.
  const skipped = (states: string[], ms: number) => Object.fromEntries(states.map((state) => [state, ms]));
  const execution = stateMachine.run(options.input as never, {
    overrides: {
      taskResourceLocalHandlers: tasks.handlers as never,
      ...(options.skipWaits
        ? {
            waitTimeOverrides: skipped(prepared.waitStates, 1),
            retryIntervalOverrides: skipped(prepared.retryStates, 1),
          }
        : {}),
    },
    context: {
      Execution: { Id: executionArn, Name: name, StartTime: new Date(startedAt).toISOString(), Input: options.input },
      StateMachine: {
        Id: executionArn.replace(':execution:', ':stateMachine:').replace(/:[^:]+$/, ''),
        Name: machine.name,
      },
      Task: { Token: `local-task-token-${name}` },
    } as never,
  });
  const trace: TraceEntry[] = [];
  const tracing = collectTrace(execution.eventLogs, where.calls, startedAt, (entry) => {
    trace.push(entry);
    options.onTrace?.(entry);
  });
  let status: RunResult['status'] = 'SUCCEEDED';
  let output: unknown;
  let error: RunResult['error'];
  try {
    output = await execution.result;
  } catch (failure) {
    status = 'FAILED';
    const cause = (failure as { cause?: unknown }).cause;
    const root = cause instanceof Error ? cause : (failure as Error);
    error = { Error: root.name, Cause: root.message };
  }
  // Branches a failed Parallel state left running finish inside the sandbox, and start nothing more.
  await tasks.close();
  await tracing;
  return {
    playbook: machine.playbook,
    executionArn,
    status,
    output,
    error,
    trace,
    calls: where.calls,
    startedAt,
    durationMs: Date.now() - startedAt,
  };
}
