// One factory for every AWS SDK client: same region handling, adaptive retries, one instance per
// (client class, region) per module lifetime, and a hook through which the embedded sandbox account
// plugs into the real clients (tests and the CLI install it; Lambda never does).
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { isMemberAccount, memberCredentials } from './accounts.ts';

// biome-ignore lint/suspicious/noExplicitAny: any SDK v3 client class
type AnyClient = { middlewareStack: any; config: any; destroy(): void };
// biome-ignore lint/suspicious/noExplicitAny: SDK client constructors take their own config shapes
type ClientClass<C extends AnyClient> = new (config: any) => C;

export interface ClientHook {
  /** Extra client configuration (fake credentials, retry tuning) merged over the defaults. */
  config?: { credentials?: AwsCredentialIdentity; maxAttempts?: number; [key: string]: unknown };
  /** Called once on every client the factory creates (the sandbox adds its middleware here). */
  apply(client: AnyClient): void;
}

/** What one client needs beyond the defaults. */
export interface ClientOptions {
  /** SDK attempts per command, the first included; default AUTOPILOT_MAX_ATTEMPTS or 5. */
  maxAttempts?: number;
  /** The account to act in: another than the home account assumes its member role (functions/shared/aws/accounts.ts). */
  account?: string;
}

/** One SDK call as the CLI trace shows it (service 'EC2', operation 'DescribeVolumes'). */
export interface ObservedCall {
  service: string;
  operation: string;
  region: string;
  input: unknown;
  startedAt: number;
  durationMs: number;
  errorName?: string;
}
export type CallObserver = (call: ObservedCall) => void;

let hook: ClientHook | undefined;
let observer: CallObserver | undefined;
const cache = new Map<string, AnyClient>();

function discardClients(): void {
  for (const client of cache.values()) client.destroy();
  cache.clear();
}

/** Installs (or with undefined removes) the hook; clients created before are discarded. */
export function setClientHook(next: ClientHook | undefined): void {
  hook = next;
  discardClients();
}

/** Installs (or removes) an observer of every SDK call, retries included once per command (the CLI trace). */
export function observeCalls(next: CallObserver | undefined): void {
  observer = next;
  discardClients();
}

function observingMiddleware(notify: CallObserver, region: string) {
  // biome-ignore lint/suspicious/noExplicitAny: SDK middleware signature
  return (next: any, context: any) => async (args: any) => {
    const startedAt = Date.now();
    const call = {
      service: String(context.clientName ?? '').replace(/Client$/, ''),
      operation: String(context.commandName ?? '').replace(/Command$/, ''),
      region,
      input: args.input,
      startedAt,
    };
    try {
      const result = await next(args);
      notify({ ...call, durationMs: Date.now() - startedAt });
      return result;
    } catch (error) {
      notify({ ...call, durationMs: Date.now() - startedAt, errorName: (error as Error).name });
      throw error;
    }
  };
}

export function defaultRegion(): string {
  return process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

/**
 * The client of `Client` for `region`, made once per (class, region, options) and module lifetime: adaptive
 * retries with `options.maxAttempts` attempts (default AUTOPILOT_MAX_ATTEMPTS or 5), the hook's configuration over
 * the defaults.
 */
export function awsClient<C extends AnyClient>(
  Client: ClientClass<C>,
  region: string = defaultRegion(),
  options: ClientOptions = {},
): C {
  const member = isMemberAccount(options.account) ? options.account : undefined;
  const key = `${Client.name}:${region}${options.maxAttempts ? `:${options.maxAttempts}` : ''}${member ? `@${member}` : ''}`;
  const cached = cache.get(key);
  if (cached) return cached as C;
  const maxAttempts = options.maxAttempts ?? Number(process.env.AUTOPILOT_MAX_ATTEMPTS ?? 5);
  const client = new Client({
    region,
    retryMode: 'adaptive',
    maxAttempts,
    ...hook?.config,
    // A member account's clients carry its assumed role's credentials (also over the sandbox's).
    ...(member ? { credentials: memberCredentials(member) } : {}),
  });
  hook?.apply(client);
  if (observer)
    client.middlewareStack.add(observingMiddleware(observer, region), {
      step: 'initialize',
      name: 'autopilotObserver',
    });
  cache.set(key, client);
  return client;
}
