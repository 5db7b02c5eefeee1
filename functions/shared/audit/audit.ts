// The audit trail: every mutating action (and every dry-run of one) becomes an `idp.autopilot` event on
// EventBridge, so rules, archives and SIEMs can follow what autopilot did, and the record travels back in the
// function's result so the playbook's report lists it.
import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { AutopilotError } from '../errors/errors.ts';

export const AUDIT_SOURCE = 'idp.autopilot';
export const AUDIT_DETAIL_TYPE = 'Autopilot Action';

export type Outcome = 'done' | 'dry-run' | 'already-done' | 'skipped' | 'failed';

export interface ActionInput {
  action: string;
  resource: string;
  region: string;
  /**
   * The account the action took place in. Default: the account of an ARN resource; autopilot's own bucket for an
   * `s3://` resource (home); else the account the step acts in (`actIn`), else home.
   */
  account?: string;
  outcome: Outcome;
  detail?: Record<string, unknown>;
}

export interface AuditRecord extends ActionInput {
  account: string;
  time: string;
  playbook: string;
  executionId: string;
}

export class AuditTrailError extends AutopilotError {}

export interface AuditContext {
  client: EventBridgeClient;
  busName: string;
  /** The home account (the stack's own, where the execution runs). */
  account: string;
  playbook: string;
  executionId: string;
  now?: () => Date;
}

const PUT_EVENTS_BATCH = 10;

/** arn:partition:service:region:account:resource -> account (empty for global resources such as S3 buckets). */
const accountInArn = (resource: string): string | undefined =>
  resource.startsWith('arn:') ? resource.split(':')[4] || undefined : undefined;

export class AuditTrail {
  readonly records: AuditRecord[] = [];
  private readonly ctx: AuditContext;
  private acting?: string;

  constructor(ctx: AuditContext) {
    this.ctx = ctx;
  }

  /** The home account: autopilot's own resources (reports bucket, case records, replacement secrets) live there. */
  get homeAccount(): string {
    return this.ctx.account;
  }

  /**
   * The account this step acts in (a member account its input names): records without an ARN resource are
   * attributed to it, so the trail says where each change happened. `undefined` means home.
   */
  actIn(account: string | undefined): this {
    this.acting = account;
    return this;
  }

  private accountOf(action: ActionInput): string {
    if (action.account) return action.account;
    if (action.resource.startsWith('s3://')) return this.ctx.account;
    return accountInArn(action.resource) ?? this.acting ?? this.ctx.account;
  }

  async record(action: ActionInput): Promise<AuditRecord> {
    const [record] = await this.recordMany([action]);
    return record;
  }

  /** Records in batches of 10 (the PutEvents limit); a rejected entry fails the step so it is retried. */
  async recordMany(actions: ActionInput[]): Promise<AuditRecord[]> {
    const time = (this.ctx.now ?? (() => new Date()))().toISOString();
    const records = actions.map((action) => ({
      ...action,
      account: this.accountOf(action),
      time,
      playbook: this.ctx.playbook,
      executionId: this.ctx.executionId,
    }));
    for (let start = 0; start < records.length; start += PUT_EVENTS_BATCH) {
      const batch = records.slice(start, start + PUT_EVENTS_BATCH);
      const result = await this.ctx.client.send(
        new PutEventsCommand({
          Entries: batch.map((record) => ({
            Source: AUDIT_SOURCE,
            DetailType: AUDIT_DETAIL_TYPE,
            EventBusName: this.ctx.busName,
            Resources: record.resource.startsWith('arn:') ? [record.resource] : [],
            Detail: JSON.stringify(record),
          })),
        }),
      );
      if (result.FailedEntryCount) {
        const failed = result.Entries?.find((entry) => entry.ErrorCode);
        throw new AuditTrailError(`audit trail: ${result.FailedEntryCount} event(s) rejected: ${failed?.ErrorCode}`);
      }
    }
    this.records.push(...records);
    return records;
  }
}
