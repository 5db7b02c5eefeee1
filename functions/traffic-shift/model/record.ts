// The run record of a traffic shift (functions/shared/claims/records.ts): the plan (with the rule saved for
// rollback), the smoke test results, the canary rule it created, every judgement and how it ended. Each step updates
// it as it goes; the report and the restore after a stopped execution read it.
import type { S3Client } from '@aws-sdk/client-s3';
import type { AuditRecord } from '../../shared/audit/audit.ts';
import { readRunRecord, writeRunRecord } from '../../shared/claims/records.ts';
import type { Judgement } from '../judge/judge.ts';
import type { SmokeResult } from '../smoke/smoke.ts';
import type { Plan } from './plan.ts';

export interface RunRecord {
  executionId: string;
  executionName: string;
  startedAt: string;
  status: 'shifting' | 'promoted' | 'rolled-back' | 'restored' | 'refused';
  plan: Plan;
  smoke?: SmokeResult[];
  canaryRuleArn?: string;
  /** Green's share the rule was last set to, percent. */
  percent?: number;
  judgements: Judgement[];
  /** What the steps did, as their audit records (the report lists them). */
  actions: AuditRecord[];
  blueScaledDown?: { capacity: string; before: number } | { skipped: string };
  endedAt?: string;
  reason?: string;
}

/** Where the record lives: the reports bucket and its S3 client. */
export interface RecordStore {
  s3: S3Client;
  bucket: string;
}

/** The record of the plan's execution; an empty one (never written, e.g. a dry run) when there is none. */
export async function loadRecord(store: RecordStore, plan: Plan, execution: { Id: string; Name: string }) {
  const found = await readRunRecord<RunRecord>(store.s3, store.bucket, plan.recordKey);
  return (
    found ?? {
      executionId: execution.Id,
      executionName: execution.Name,
      startedAt: new Date().toISOString(),
      status: 'shifting' as const,
      plan,
      judgements: [],
      actions: [],
    }
  );
}

/** Reads, changes and writes back the record (one execution writes its own record; nothing races). */
export async function updateRecord(
  store: RecordStore,
  plan: Plan,
  execution: { Id: string; Name: string },
  change: (record: RunRecord) => void,
  actions: AuditRecord[] = [],
): Promise<RunRecord> {
  const record = await loadRecord(store, plan, execution);
  change(record);
  record.actions = [...(record.actions ?? []), ...actions];
  if (!plan.dryRun) await writeRunRecord(store.s3, store.bucket, plan.recordKey, record);
  return record;
}
