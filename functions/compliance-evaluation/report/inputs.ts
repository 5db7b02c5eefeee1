// What the report step receives from the state machine's Parallel state: per reading, one entry per region, either
// what the step returned ({status: 'ok', ...}) or the error its Catch put in its place ({status: 'error', error});
// and the readings themselves, loaded back from the work files the reading steps wrote.
import type { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import type { AuditRecord } from '../../shared/audit/audit.ts';
import { readJson } from '../../shared/claims/read.ts';
import { causeMessage } from '../../shared/errors/errors.ts';
import type { CisReading, ImagesReading, StandardState } from '../model/readings.ts';
import { WORK_PREFIX } from '../model/work.ts';
import type { ComplianceReading } from '../read-compliance/read.ts';

const CaughtError = z.object({ Error: z.string(), Cause: z.string().optional() });
const region = z.string().min(1);
const workKey = z.string().startsWith(WORK_PREFIX);
const object = <T>() => z.custom<T>((value) => typeof value === 'object' && value !== null);

const failed = z.object({ region, status: z.literal('error'), error: CaughtError });

/** One region of the Config rules branch: the evaluation started and read, or the caught error. */
export const ConfigRegionResult = z.discriminatedUnion('status', [
  z.object({
    region,
    status: z.literal('ok'),
    start: z.object({ ruleNames: z.array(z.string()), startedAt: z.string(), actions: z.array(object<AuditRecord>()) }),
    read: object<ComplianceReading>(),
  }),
  failed,
]);

/** One region of the CIS branch: the reading's work key (and what enabling did or why it failed), or the caught error. */
export const CisRegionResult = z.discriminatedUnion('status', [
  z.object({
    region,
    status: z.literal('ok'),
    reading: z.object({ key: workKey }),
    enabled: z
      .object({
        standards: z.array(object<StandardState>()),
        enabledHub: z.boolean(),
        wouldEnable: z.object({ hub: z.boolean(), standards: z.array(z.string()) }).optional(),
        actions: z.array(object<AuditRecord>()),
      })
      .optional(),
    enableError: CaughtError.optional(),
  }),
  failed,
]);

/** One region of the images branch: the reading's work key, or the caught error. */
export const ImagesRegionResult = z.discriminatedUnion('status', [
  z.object({ region, status: z.literal('ok'), reading: z.object({ key: workKey }) }),
  failed,
]);

/** The report step's input: the three branches of the Parallel state, per region. */
export const ReportInput = z.object({
  dryRun: z.boolean().default(false),
  config: z.array(ConfigRegionResult),
  cis: z.array(CisRegionResult),
  images: z.array(ImagesRegionResult),
});
export type ReportInput = z.infer<typeof ReportInput>;

/** A caught error as one line: `<name>: <message>`. */
export const errorText = (error: z.infer<typeof CaughtError>) =>
  `${error.Error}${error.Cause ? `: ${causeMessage(error.Cause)}` : ''}`;

/** One region of the Config rules branch. */
export type ConfigRegion = z.infer<typeof ConfigRegionResult>;

/** One region of the CIS branch with its reading loaded (or the error that replaced it). */
export interface CisRegion {
  region: string;
  reading?: CisReading;
  error?: string;
  enabled?: { standards: StandardState[]; enabledHub: boolean; wouldEnable?: { hub: boolean; standards: string[] } };
  enableError?: string;
}

/** One region of the images branch with its reading loaded (or the error that replaced it). */
export interface ImagesRegion {
  region: string;
  reading?: ImagesReading;
  error?: string;
}

/** The three readings of the run, loaded. */
export interface Readings {
  config: ConfigRegion[];
  cis: CisRegion[];
  images: ImagesRegion[];
  /** Audit records of the steps that acted (Config evaluations started, Security Hub enabled). */
  actions: AuditRecord[];
}

/** Reads a reading back. @throws Error naming the key when it is missing (the step that wrote it said it did). */
async function readWork<T>(s3: S3Client, bucket: string, key: string): Promise<T> {
  const value = await readJson<T>(s3, bucket, key);
  if (value === undefined) throw new Error(`work file s3://${bucket}/${key} is missing`);
  return value;
}

/** The step input with the work files read back from the reports bucket. */
export async function loadReadings(s3: S3Client, bucket: string, input: ReportInput): Promise<Readings> {
  const cis = await Promise.all(
    input.cis.map(async (entry): Promise<CisRegion> => {
      if (entry.status === 'error') return { region: entry.region, error: errorText(entry.error) };
      return {
        region: entry.region,
        reading: await readWork<CisReading>(s3, bucket, entry.reading.key),
        ...(entry.enabled ? { enabled: entry.enabled } : {}),
        ...(entry.enableError ? { enableError: errorText(entry.enableError) } : {}),
      };
    }),
  );
  const images = await Promise.all(
    input.images.map(
      async (entry): Promise<ImagesRegion> =>
        entry.status === 'error'
          ? { region: entry.region, error: errorText(entry.error) }
          : { region: entry.region, reading: await readWork<ImagesReading>(s3, bucket, entry.reading.key) },
    ),
  );
  const actions = [
    ...input.config.flatMap((entry) => (entry.status === 'ok' ? entry.start.actions : [])),
    ...input.cis.flatMap((entry) => (entry.status === 'ok' ? (entry.enabled?.actions ?? []) : [])),
  ];
  return { config: input.config, cis, images, actions };
}
