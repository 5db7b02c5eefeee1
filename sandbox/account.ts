// The embedded AWS account: its state (plain JSON), the log of every call made to it, and the knobs that make it
// behave like a real, imperfect account (latency, throttling and 5xx faults, a controllable clock).
import { type AwsError, awsError } from './errors.ts';
import { hexFromCounter, seededRandom, uuidFromCounter } from './ids.ts';
import { appendOutLine, writeOutFile } from './outfiles.ts';
import { seedState } from './seed.ts';
import {
  type AccountState,
  type EventRec,
  emptyRegion,
  type RegionState,
  type SandboxState,
  type SessionRec,
} from './state.ts';

export interface FaultRule {
  /** Service ('EC2', 'S3', 'Slack', ... or the client name 'EC2Client'); any when omitted. */
  service?: string;
  /** Operation ('DescribeSnapshots' or 'DescribeSnapshotsCommand'); any when omitted. */
  operation?: string;
  region?: string;
  /** AWS error code; default the service's throttling code (EC2 RequestLimitExceeded, others ThrottlingException). */
  error?: string;
  message?: string;
  /** Fail this many matching calls (each SDK retry attempt is a call), then stop. */
  times?: number;
  /** Chance (0..1) that a matching call fails, drawn from the account's seeded RNG. */
  probability?: number;
}

export interface SandboxOptions {
  /** Simulated network + service time awaited before every call is answered. */
  latencyMs?: number;
  faults?: FaultRule[];
  /** Where S3 objects, SNS messages, Slack and PagerDuty posts are also written; in memory only when undefined. */
  outDir?: string;
  now?: () => Date;
  /** Seed of the RNG behind probabilistic faults (default 1). */
  seed?: number;
  /**
   * How long the SDK clients wait between retry attempts: 'none' (default) keeps the SDK's retry decisions and makes
   * every backoff zero (sandbox/retry.ts), 'sdk' waits as against AWS (the CLI without --skip-waits).
   */
  retryDelays?: 'none' | 'sdk';
}

export interface CallRecord {
  service: string;
  operation: string;
  region: string;
  input: unknown;
  /** HTTP services (Slack, PagerDuty): the host the request went to (PagerDuty's US or EU service region). */
  endpoint?: string;
  /** The AWS error code when the call failed (also for injected faults). */
  errorCode?: string;
  /** Sandbox clock time of the call, ISO. */
  at: string;
}

/** Request ids come from their own counter range so they never repeat a resource id. */
const REQUEST_ID_BASE = 2 ** 40;

const DEFAULT_FAULT_MESSAGES: Record<string, string> = {
  RequestLimitExceeded: 'Request limit exceeded.',
  ThrottlingException: 'Rate exceeded',
  InternalError: 'An internal error has occurred',
  InternalFailure: 'The request processing has failed because of an unknown error, exception or failure.',
  ServiceUnavailable: 'The service is unavailable. Please try again shortly.',
};

export class SandboxAccount {
  readonly state: SandboxState;
  readonly calls: CallRecord[] = [];
  readonly options: SandboxOptions;
  private readonly faults: { rule: FaultRule; remaining: number }[];
  private readonly random: () => number;
  private requestCount = 0;

  constructor(state: SandboxState, options: SandboxOptions = {}) {
    this.state = state;
    this.options = options;
    this.faults = (options.faults ?? []).map((rule) => ({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY }));
    this.random = seededRandom(options.seed ?? 1);
  }

  /** A fresh account from the seed (sandbox/seed/estate/*.yaml), its relative dates resolved against `options.now`. */
  static fromSeed(options: SandboxOptions = {}): SandboxAccount {
    const now = options.now?.() ?? new Date();
    return new SandboxAccount(seedState(now), options);
  }

  get accountId(): string {
    return this.state.accountId;
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** The region's state, created empty (default event bus only) the first time a call touches the region. */
  region(name: string): RegionState {
    this.state.regions[name] ??= emptyRegion(name, this.accountId);
    return this.state.regions[name];
  }

  /** One account's own state (IAM, S3, regions): the home account's or a member's; undefined for an unknown id. */
  accountView(accountId: string): AccountState | undefined {
    if (accountId === this.accountId) return { global: this.state.global, regions: this.state.regions };
    return this.state.members?.[accountId];
  }

  /** A region of any of the sandbox's accounts, created empty the first time a call touches it. */
  regionOf(accountId: string, name: string): RegionState {
    if (accountId === this.accountId) return this.region(name);
    const view = this.accountView(accountId);
    if (!view) throw new Error(`sandbox: no account ${accountId}`);
    view.regions[name] ??= emptyRegion(name, accountId);
    return view.regions[name];
  }

  /** Remembers an STS session: calls signed with `accessKeyId` act in its account (sandbox/intercept.ts). */
  openSession(accessKeyId: string, session: SessionRec): void {
    this.state.sessions ??= {};
    this.state.sessions[accessKeyId] = session;
  }

  /** The session an access key belongs to, if STS issued it. */
  sessionOf(accessKeyId: string | undefined): SessionRec | undefined {
    return accessKeyId ? this.state.sessions?.[accessKeyId] : undefined;
  }

  /** Next value of the persisted id counter. */
  nextCounter(): number {
    this.state.sequence += 1;
    return this.state.sequence;
  }

  /** An EC2-style id: `vol-` + 17 hex digits (8 for short-form prefixes that AWS still uses, e.g. `r-`). */
  newId(prefix: string, hexDigits = 17): string {
    return `${prefix}-${hexFromCounter(this.nextCounter(), hexDigits)}`;
  }

  newUuid(): string {
    return uuidFromCounter(this.nextCounter());
  }

  /** Request ids are per process (not persisted), so a DryRun or a failed call leaves the state untouched. */
  newRequestId(): string {
    this.requestCount += 1;
    return uuidFromCounter(REQUEST_ID_BASE + this.requestCount);
  }

  /** Every event put on any bus in any region, oldest first (the audit trail), with the Detail parsed. */
  events(filter: { source?: string; detailType?: string } = {}): (EventRec & { detail: unknown })[] {
    return Object.values(this.state.regions)
      .flatMap((region) => region.eventbridge.events)
      .filter((e) => (filter.source ? e.Source === filter.source : true))
      .filter((e) => (filter.detailType ? e.DetailType === filter.detailType : true))
      .sort((a, b) => a.Time.localeCompare(b.Time))
      .map((e) => ({ ...e, detail: JSON.parse(e.Detail) }));
  }

  /** The calls made to a service (optionally one operation), e.g. callsTo('Slack') or callsTo('EC2', 'DeleteVolume'). */
  callsTo(service: string, operation?: string): CallRecord[] {
    return this.calls.filter((c) => c.service === service && (operation === undefined || c.operation === operation));
  }

  record(call: Omit<CallRecord, 'at'>): CallRecord {
    const { errorCode, ...rest } = call;
    const entry: CallRecord = {
      ...rest,
      ...(errorCode === undefined ? {} : { errorCode }),
      at: this.now().toISOString(),
    };
    this.calls.push(entry);
    return entry;
  }

  /** The injected fault this call must fail with, if a rule matches (consumes one of its `times`). */
  faultFor(service: string, operation: string, region: string): AwsError | undefined {
    for (const fault of this.faults) {
      const { rule } = fault;
      if (rule.service && rule.service !== service && rule.service !== `${service}Client`) continue;
      if (rule.operation && rule.operation !== operation && rule.operation !== `${operation}Command`) continue;
      if (rule.region && rule.region !== region) continue;
      if (fault.remaining <= 0) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      fault.remaining -= 1;
      const code = rule.error ?? (service === 'EC2' ? 'RequestLimitExceeded' : 'ThrottlingException');
      return awsError(code, rule.message ?? DEFAULT_FAULT_MESSAGES[code] ?? `Injected fault ${code}`);
    }
    return undefined;
  }

  async simulateLatency(): Promise<void> {
    const ms = this.options.latencyMs ?? 0;
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Writes a file under outDir (no-op in memory-only mode); returns its path when written. */
  writeOut(relativePath: string, data: string | Uint8Array): string | undefined {
    return this.options.outDir ? writeOutFile(this.options.outDir, relativePath, data) : undefined;
  }

  /** Appends one JSON line to a file under outDir (no-op in memory-only mode). */
  appendOut(relativePath: string, record: unknown): string | undefined {
    return this.options.outDir ? appendOutLine(this.options.outDir, relativePath, record) : undefined;
  }

  toJSON(): SandboxState {
    return this.state;
  }
}
