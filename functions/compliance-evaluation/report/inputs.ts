// What the report step receives and reads back: the plan (the targets file, the exempt accounts), the CIS branch's
// result per region (the home account's Security Hub, the organization's administrator: read once per region), and
// from the reports bucket each account x region target's result (its Config rules and images readings, or the
// failure of its whole item), the targets file and the work files the reading steps wrote.
import type { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import type { AuditRecord } from '../../shared/audit/audit.ts';
import { readJson } from '../../shared/claims/read.ts';
import { causeMessage } from '../../shared/errors/errors.ts';
import { readResults } from '../../shared/fanout/results.ts';
import { resultsPrefix, type Target } from '../../shared/fanout/targets.ts';
import type { CisReading, ImagesReading, StandardState } from '../model/readings.ts';
import { CaughtError, type TargetReadings } from '../model/target.ts';
import { WORK_PREFIX } from '../model/work.ts';
import type { ComplianceReading } from '../read-compliance/read.ts';

const region = z.string().min(1);
const workKey = z.string().startsWith(WORK_PREFIX);
const object = <T>() => z.custom<T>((value) => typeof value === 'object' && value !== null);

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
  z.object({ region, status: z.literal('error'), error: CaughtError }),
]);

/** The report step's input: the plan step's output and the CIS branch per region. */
export const ReportInput = z.object({
  dryRun: z.boolean().default(false),
  plan: z.looseObject({
    targets: z.object({ bucket: z.string(), key: workKey }),
    exempt: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
  }),
  cis: z.array(CisRegionResult),
});
export type ReportInput = z.infer<typeof ReportInput>;

/** A caught error as one line: `<name>: <message>`. */
export const errorText = (error: CaughtError) => `${error.Error}${error.Cause ? `: ${causeMessage(error.Cause)}` : ''}`;

/** One target's Config rules: started and read, or why not (the reading's error, or its item's). */
export type ConfigTarget = Target &
  (
    | { status: 'ok'; start: { ruleCount: number; startedAt: string; actions: AuditRecord[] }; read: ComplianceReading }
    | { status: 'error'; error: string }
  );

/** One region of the CIS branch with its reading loaded (or the error that replaced it). */
export interface CisRegion {
  region: string;
  reading?: CisReading;
  error?: string;
  enabled?: { standards: StandardState[]; enabledHub: boolean; wouldEnable?: { hub: boolean; standards: string[] } };
  enableError?: string;
}

/** One target's images with the reading loaded (or the error that replaced it). */
export type ImagesTarget = Target & { reading?: ImagesReading; error?: string };

/** An account of the run, as the targets name it (home first). */
export interface AccountRef {
  id: string;
  name: string;
  home: boolean;
}

/** Everything the run read, loaded. */
export interface Readings {
  accounts: AccountRef[];
  /** Accounts listed in config as exempt: never read. */
  exempt: { id: string; name: string }[];
  targets: Target[];
  config: ConfigTarget[];
  cis: CisRegion[];
  images: ImagesTarget[];
  /** Targets whose item failed as a whole (the failure recorded instead of readings), with why. */
  failedItems: (Target & { error: string })[];
  /** Audit records of the steps that acted (Config evaluations started, Security Hub enabled). */
  actions: AuditRecord[];
}

/** Reads a work file back. @throws Error naming the key when it is missing (the step that wrote it said it did). */
async function readWork<T>(s3: S3Client, bucket: string, key: string): Promise<T> {
  const value = await readJson<T>(s3, bucket, key);
  if (value === undefined) throw new Error(`work file s3://${bucket}/${key} is missing`);
  return value;
}

async function loadCis(s3: S3Client, bucket: string, entry: ReportInput['cis'][number]): Promise<CisRegion> {
  if (entry.status === 'error') return { region: entry.region, error: errorText(entry.error) };
  return {
    region: entry.region,
    reading: await readWork<CisReading>(s3, bucket, entry.reading.key),
    ...(entry.enabled ? { enabled: entry.enabled } : {}),
    ...(entry.enableError ? { enableError: errorText(entry.enableError) } : {}),
  };
}

/** The accounts of the targets, each once, home first (the plan lists home first). */
function accountsOf(targets: Target[], home: string): AccountRef[] {
  const seen = new Map<string, AccountRef>();
  for (const t of targets) {
    if (!seen.has(t.accountId))
      seen.set(t.accountId, { id: t.accountId, name: t.accountName, home: t.accountId === home });
  }
  return [...seen.values()];
}

/** `run` over `items`, at most `limit` at a time, results in the items' order. */
async function mapLimit<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The step input with the targets, their results and the work files read back from the reports bucket. A target
 * without a result (its item never recorded one) counts as a failed item. @throws what S3 throws.
 */
export async function loadReadings(
  s3: S3Client,
  bucket: string,
  input: ReportInput,
  { executionName, home }: { executionName: string; home: string },
): Promise<Readings> {
  const targets = await readWork<Target[]>(s3, bucket, input.plan.targets.key);
  const found = await readResults<TargetReadings>(s3, bucket, resultsPrefix('compliance-evaluation', executionName));
  const resultOf = new Map(found.map((result) => [`${result.accountId}|${result.region}`, result]));
  const loaded = await mapLimit(targets, 16, async (target): Promise<[ConfigTarget, ImagesTarget, string?]> => {
    const ref: Target = { accountId: target.accountId, accountName: target.accountName, region: target.region };
    const result = resultOf.get(`${target.accountId}|${target.region}`);
    if (!result?.ok) {
      const error = result ? errorText(result.error) : 'no result recorded for this account and region';
      return [{ ...ref, status: 'error', error }, { ...ref, error }, error];
    }
    const { config: rules, images: scans } = result.result;
    return [
      rules.status === 'ok' ? { ...ref, ...rules } : { ...ref, status: 'error', error: errorText(rules.error) },
      scans.status === 'ok'
        ? { ...ref, reading: await readWork<ImagesReading>(s3, bucket, scans.reading.key) }
        : { ...ref, error: errorText(scans.error) },
    ];
  });
  const config = loaded.map(([rules]) => rules);
  const images = loaded.map(([, scans]) => scans);
  const failedItems = loaded.flatMap(([rules, , error]) => {
    const { accountId, accountName, region } = rules;
    return error === undefined ? [] : [{ accountId, accountName, region, error }];
  });
  const cis = await Promise.all(input.cis.map((entry) => loadCis(s3, bucket, entry)));
  const actions = [
    ...config.flatMap((entry) => (entry.status === 'ok' ? entry.start.actions : [])),
    ...input.cis.flatMap((entry) => (entry.status === 'ok' ? (entry.enabled?.actions ?? []) : [])),
  ];
  return {
    accounts: accountsOf(targets, home),
    exempt: input.plan.exempt,
    targets,
    config,
    cis,
    images,
    failedItems,
    actions,
  };
}
