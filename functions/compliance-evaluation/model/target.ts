// What one target of the fan-out (an account's region) found: its Config rules evaluation and its images, each
// either what the steps returned ({status: 'ok', ...}) or the error the item's Catch put in its place ({status:
// 'error', error}). The record step writes it as the target's result (functions/shared/fanout/targets.ts); the report
// step reads every result back. A target whose item failed as a whole has the shared failure record instead.
import * as z from 'zod';
import type { AuditRecord } from '../../shared/audit/audit.ts';
import type { ComplianceReading } from '../read-compliance/read.ts';
import { WORK_PREFIX } from './work.ts';

/** An error as the state machine's Catch records it. */
export const CaughtError = z.object({ Error: z.string(), Cause: z.string().optional() });
export type CaughtError = z.infer<typeof CaughtError>;

/** One fan-out target as the plan wrote it. */
export const TargetRef = z.object({
  accountId: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
  accountName: z.string(),
  region: z.string().min(1),
});

const object = <T>() => z.custom<T>((value) => typeof value === 'object' && value !== null);

/** The Config rules of a target: the evaluation started (rule count, start time, audit records) and read. */
export const ConfigResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    start: z.object({
      ruleCount: z.number().int().min(0),
      startedAt: z.string(),
      actions: z.array(object<AuditRecord>()),
    }),
    read: object<ComplianceReading>(),
  }),
  z.object({ status: z.literal('error'), error: CaughtError }),
]);
export type ConfigResult = z.infer<typeof ConfigResult>;

/** The images of a target: the key of the work file holding the reading. */
export const ImagesResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), reading: z.object({ key: z.string().startsWith(WORK_PREFIX) }) }),
  z.object({ status: z.literal('error'), error: CaughtError }),
]);
export type ImagesResult = z.infer<typeof ImagesResult>;

/** What the record step writes as a target's result (`result` of an `ok` TargetResult). */
export interface TargetReadings {
  config: ConfigResult;
  images: ImagesResult;
}
