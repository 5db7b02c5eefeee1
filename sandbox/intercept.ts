// Plugs the sandbox account into the real SDK v3 clients made by functions/shared/aws/clients.ts: a middleware at the
// `deserialize` step (priority high) answers each command from the account instead of sending it. Everything
// before it runs as against AWS (input validation, endpoint resolution, serialization, signing with fake
// credentials) and so does everything after it: the retry middleware sees thrown throttling/5xx errors and retries
// them with the client's adaptive strategy, as it would against AWS; only its waits are zero unless the account
// asks for the SDK's real retry delays (retry.ts).
import { setClientHook } from '../functions/shared/aws/clients.ts';
import type { SandboxAccount } from './account.ts';
import { awsError, isAwsError, NotImplementedInSandbox } from './errors.ts';
import { removeRetryDelays } from './retry.ts';
import { serviceHandlers } from './services/index.ts';
import { SANDBOX_ROLE } from './services/sts/identity.ts';
import type { HandlerContext } from './services/types.ts';
import { outputSchemaOf, shapeOutput } from './shape.ts';

// biome-ignore lint/suspicious/noExplicitAny: the factory hands us any SDK v3 client
type AnyClient = { middlewareStack: any; config: any };

type MiddlewareContext = Record<string, unknown> & { clientName?: string; commandName?: string };

/** 'EC2Client' -> 'EC2', 'DescribeVolumesCommand' -> 'DescribeVolumes'. */
const serviceName = (clientName: string) => clientName.replace(/Client$/, '');
const operationName = (commandName: string) => commandName.replace(/Command$/, '');

/** Routes every client created by awsClient() to `account`; returns the uninstall function. */
export function installSandbox(account: SandboxAccount): () => void {
  setClientHook({
    config: { credentials: { accessKeyId: 'SANDBOX', secretAccessKey: 'SANDBOX' } },
    apply(client: AnyClient) {
      if ((account.options.retryDelays ?? 'none') === 'none') removeRetryDelays(client.config);
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
    const caller = await callerOf(account, client);
    const input = args.input ?? {};
    await account.simulateLatency();
    try {
      const output = await answer(account, { clientName, service, operation, region, input }, caller);
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

/**
 * Who signs a call: a client whose credentials STS issued (AssumeRole) acts in that session's account; the
 * sandbox's own credentials are the home account's operator role. An expired session is refused as AWS does.
 */
async function callerOf(account: SandboxAccount, client: AnyClient): Promise<HandlerContext['caller']> {
  const credentials = client.config.credentials;
  const identity = typeof credentials === 'function' ? await credentials() : credentials;
  const session = account.sessionOf(identity?.accessKeyId);
  if (!session) {
    return {
      accountId: account.accountId,
      arn: `arn:aws:sts::${account.accountId}:assumed-role/${SANDBOX_ROLE}/autopilot-sandbox`,
    };
  }
  if (Date.parse(session.expiration) <= account.now().getTime()) {
    throw awsError('ExpiredToken', 'The security token included in the request is expired', { status: 400 });
  }
  return { accountId: session.accountId, arn: session.arn };
}

async function answer(
  account: SandboxAccount,
  call: { clientName: string; service: string; operation: string; region: string; input: Record<string, unknown> },
  caller: HandlerContext['caller'],
): Promise<unknown> {
  const handler = serviceHandlers[call.clientName]?.[call.operation];
  if (!handler) throw new NotImplementedInSandbox(call.service, call.operation);
  const fault = account.faultFor(call.service, call.operation, call.region);
  if (fault) throw fault;
  const own = account.accountView(caller.accountId)!;
  const ctx: HandlerContext = {
    // The caller's account: its IAM, S3 and regions (the home account's state is account.state itself).
    state: caller.accountId === account.accountId ? account.state : { ...account.state, ...own },
    region: call.region,
    regional: account.regionOf(caller.accountId, call.region),
    accountId: caller.accountId,
    caller,
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
