// Plugs the sandbox account into the real SDK v3 clients made by functions/shared/aws/clients.ts: a middleware at the
// `deserialize` step (priority high) answers each command from the account instead of sending it. Everything
// before it runs as against AWS (input validation, endpoint resolution, serialization, signing with fake
// credentials) and so does everything after it: the retry middleware sees thrown throttling/5xx errors and retries
// them with the client's adaptive strategy, exactly as it would against AWS.
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { setClientHook } from '../functions/shared/aws/clients.ts';
import type { SandboxAccount } from './account.ts';
import { awsError, isAwsError, NotImplementedInSandbox } from './errors.ts';
import { serviceHandlers } from './services/index.ts';
import type { HandlerContext } from './services/types.ts';
import { outputSchemaOf, shapeOutput } from './shape.ts';

// biome-ignore lint/suspicious/noExplicitAny: the factory hands us any SDK v3 client
type AnyClient = { middlewareStack: any; config: any };

type MiddlewareContext = Record<string, unknown> & { clientName?: string; commandName?: string };

/** 'EC2Client' -> 'EC2', 'DescribeVolumesCommand' -> 'DescribeVolumes'. */
const serviceName = (clientName: string) => clientName.replace(/Client$/, '');
const operationName = (commandName: string) => commandName.replace(/Command$/, '');

/**
 * Routes every client created by awsClient() to `account` (with `instantSdkRetries`, the clients retry without
 * backoff, as many times as they would); returns the uninstall function.
 */
export function installSandbox(account: SandboxAccount): () => void {
  setClientHook({
    config: { credentials: { accessKeyId: 'SANDBOX', secretAccessKey: 'SANDBOX' } },
    ...(account.options.instantSdkRetries
      ? { retryStrategy: (maxAttempts: number) => new ConfiguredRetryStrategy(maxAttempts, 0) }
      : {}),
    apply(client: AnyClient) {
      client.middlewareStack.add(sandboxMiddleware(account, client), {
        step: 'deserialize',
        priority: 'high',
        name: 'autopilotSandbox',
      });
    },
  });
  return () => setClientHook(undefined);
}

function sandboxMiddleware(account: SandboxAccount, client: AnyClient) {
  return (_next: unknown, context: MiddlewareContext) => async (args: { input: Record<string, unknown> }) => {
    const clientName = context.clientName ?? client.constructor?.name ?? 'UnknownClient';
    const service = serviceName(clientName);
    const operation = operationName(context.commandName ?? 'UnknownCommand');
    const region = await resolveRegion(client);
    const input = args.input ?? {};
    await account.simulateLatency();
    try {
      const output = await answer(account, { clientName, service, operation, region, input });
      const shaped = shapeOutput(outputSchemaOf(context), output);
      account.record({ service, operation, region, input });
      const requestId = account.newRequestId();
      return { output: { ...shaped, $metadata: { httpStatusCode: 200, requestId } }, response: {} };
    } catch (error) {
      const errorCode = error instanceof Error ? error.name : String(error);
      account.record({ service, operation, region, input, errorCode });
      if (isAwsError(error)) error.$metadata.requestId ??= account.newRequestId();
      throw error;
    }
  };
}

async function answer(
  account: SandboxAccount,
  call: { clientName: string; service: string; operation: string; region: string; input: Record<string, unknown> },
): Promise<unknown> {
  const handler = serviceHandlers[call.clientName]?.[call.operation];
  if (!handler) throw new NotImplementedInSandbox(call.service, call.operation);
  const fault = account.faultFor(call.service, call.operation, call.region);
  if (fault) throw fault;
  const ctx: HandlerContext = {
    state: account.state,
    region: call.region,
    regional: account.region(call.region),
    accountId: account.accountId,
    now: () => account.now(),
    account,
    service: call.service,
    operation: call.operation,
  };
  if (call.service === 'EC2' && call.input.DryRun === true)
    return await dryRun(account, () => handler(ctx, call.input as never));
  return await handler(ctx, call.input as never);
}

/**
 * EC2 DryRun: the operation runs (so bad ids and parameters fail as they would) against the state, which is then
 * restored whatever happened; success answers DryRunOperation, as EC2 does when the call would have succeeded.
 */
async function dryRun(account: SandboxAccount, run: () => unknown): Promise<never> {
  const saved = structuredClone(account.state);
  try {
    await run();
  } finally {
    for (const key of Object.keys(account.state)) delete (account.state as unknown as Record<string, unknown>)[key];
    Object.assign(account.state, saved);
  }
  throw awsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
}

async function resolveRegion(client: AnyClient): Promise<string> {
  const region = client.config.region;
  return typeof region === 'function' ? await region() : region;
}
