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
  outcome: Outcome;
  detail?: Record<string, unknown>;
}

export interface AuditRecord extends ActionInput {
  time: string;
  playbook: string;
  executionId: string;
}

export class AuditTrailError extends AutopilotError {}

export interface AuditContext {
  client: EventBridgeClient;
  busName: string;
  playbook: string;
  executionId: string;
  now?: () => Date;
}

const PUT_EVENTS_BATCH = 10;

export class AuditTrail {
  readonly records: AuditRecord[] = [];
  private readonly ctx: AuditContext;

  constructor(ctx: AuditContext) {
    this.ctx = ctx;
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
