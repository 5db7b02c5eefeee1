// Every Lambda handler is this thin middy wrapper: validated config (once per cold start), validated input,
// the execution it belongs to, an audit trail, structured logs; the logic stays in plain functions.

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { AuditTrail } from '../audit/audit.ts';
import { setAccountAccess } from '../aws/accounts.ts';
import { awsClient } from '../aws/clients.ts';
import { type Blocks, type ConfigOf, getConfig } from '../config/config.ts';
import { InvalidInputError } from '../errors/errors.ts';
import { resolveSecret } from '../notify/secrets.ts';
import { logger } from './logger.ts';
import { getRuntime, type Runtime } from './runtime.ts';

/**
 * What the first Pass state of every state machine stores under $.execution ($$.Execution: Id, Name, StartTime and
 * the execution's Input, so every step knows whether the whole execution is a dry run).
 */
export const ExecutionRef = z.object({
  Id: z.string().min(1),
  Name: z.string().min(1),
  StartTime: z.string().min(1),
  Input: z.unknown().optional(),
});
export type ExecutionRef = z.infer<typeof ExecutionRef>;

/** True when the execution was started with `"dryRun": true` (by hand, the CLI's --dry-run or the console). */
export function isDryRunExecution(execution: ExecutionRef): boolean {
  const input = execution.Input;
  return typeof input === 'object' && input !== null && (input as { dryRun?: unknown }).dryRun === true;
}

/** What a step's logic gets besides its input: its config (global keys + the blocks it declared) and more. */
// biome-ignore lint/complexity/noBannedTypes: a step that reads no block sees only the global keys
export interface PlaybookContext<B extends Blocks = {}> {
  config: ConfigOf<B>;
  runtime: Runtime;
  execution: ExecutionRef;
  audit: AuditTrail;
  now: () => Date;
}

// biome-ignore lint/complexity/noBannedTypes: a step that reads no block sees only the global keys
export interface HandlerSpec<S extends z.ZodType, O, B extends Blocks = {}> {
  playbook: string;
  /** The config blocks the step reads, by key (its manifest hands the function exactly these). */
  config?: B;
  input: S;
  run: (input: z.infer<S>, ctx: PlaybookContext<B>) => Promise<O>;
}

/** The account an execution runs in: arn:aws:states:<region>:<account>:execution:<machine>:<name> -> <account>. */
export function accountOfExecution(executionId: string): string {
  return executionId.split(':')[4] ?? '';
}

export function formatIssues(error: z.ZodError, prefix = 'input'): string {
  return error.issues
    .map((issue) => `${prefix}${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`)
    .join('; ');
}

function executionOf(event: unknown): ExecutionRef {
  const parsed = ExecutionRef.safeParse((event as { execution?: unknown } | null)?.execution);
  if (!parsed.success) throw new InvalidInputError(formatIssues(parsed.error, 'input.execution'));
  return parsed.data;
}

// biome-ignore lint/complexity/noBannedTypes: a step that reads no block sees only the global keys
export function makeHandler<S extends z.ZodType, O, B extends Blocks = {}>(spec: HandlerSpec<S, O, B>) {
  const blocks = (spec.config ?? {}) as B;
  // Fail the cold start, not the first invocation, when config or environment is bad.
  getConfig(blocks);
  getRuntime();

  const base = async (event: unknown, _context: Context): Promise<O> => {
    const config = getConfig(blocks);
    const runtime = getRuntime();
    const execution = executionOf(event);
    // `execution` is the state machine's own (checked above); the step's schema sees the rest, so a strict schema
    // refuses exactly the keys nobody expects.
    const { execution: _execution, ...payload } = event as Record<string, unknown>;
    const parsed = spec.input.safeParse(payload);
    if (!parsed.success) throw new InvalidInputError(formatIssues(parsed.error));
    logger.appendKeys({ playbook: spec.playbook, execution: execution.Name });
    const home = config.regions[0];
    // Clients that name a member account assume its role, the session named after this execution.
    setAccountAccess({
      homeAccountId: accountOfExecution(execution.Id),
      memberRoleName: config.accounts.memberRoleName,
      sessionName: execution.Name,
      sts: () => awsClient(STSClient, home),
      externalId: config.accounts.externalId
        ? () =>
            resolveSecret(config.accounts.externalId!, {
              ssm: awsClient(SSMClient, home),
              secretsManager: awsClient(SecretsManagerClient, home),
            })
        : undefined,
    });
    const audit = new AuditTrail({
      client: awsClient(EventBridgeClient, config.regions[0]),
      busName: runtime.auditBus,
      account: accountOfExecution(execution.Id),
      playbook: spec.playbook,
      executionId: execution.Id,
    });
    return spec.run(parsed.data, { config, runtime, execution, audit, now: () => new Date() });
  };

  // The input schema rides along so `autopilot list` can show what a playbook takes.
  return Object.assign(middy(base).use(injectLambdaContext(logger, { resetKeys: true })), {
    inputSchema: spec.input,
    configBlocks: Object.keys(blocks),
  });
}
