// What the nightly cleanup realised in the reported month, from its own reports in the reports bucket
// (reports/nightly-cleanup/<YYYY-MM-DD>/<execution>.json): one listing of the month's prefix, one read per report.
// Each counts `totals.realisedMonthlySavingsUsd` (the monthly cost of what it deleted); dry runs (mode report)
// count nothing. No report (cleanup not deployed yet, or it found nothing to do) counts as 0 USD and says so.
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import type { CostPlan } from '../plan/plan.ts';

/** The part of a nightly-cleanup report read here; anything else in it is ignored. */
const CleanupReport = z.object({
  dryRun: z.boolean().optional(),
  totals: z.object({ realisedMonthlySavingsUsd: z.number().optional() }).loose().optional(),
  items: z.array(z.record(z.string(), z.unknown())).optional(),
});

export interface SavedItem {
  resource: string;
  kind?: string;
  region?: string;
  estimatedMonthlySavingsUsd: number;
  reportKey: string;
}

export interface SavingsReading {
  status: 'ok' | 'none';
  message?: string;
  /** Reports read (dry runs and unreadable ones included) and those that counted. */
  reportsRead: number;
  reportsCounted: number;
  realisedMonthlySavingsUsd: number;
  /** The largest deletions, by estimated monthly saving. */
  topItems: SavedItem[];
  /** Reports that could not be parsed (named so a human can look). */
  unreadable: string[];
}

const TOP_ITEMS = 10;

const firstString = (item: Record<string, unknown>, keys: string[]) =>
  keys.map((key) => item[key]).find((value): value is string => typeof value === 'string');

/** The deletions of a run (nightly-cleanup items with outcome `deleted`: the only outcome that realises savings). */
function savedItems(items: Record<string, unknown>[], reportKey: string): SavedItem[] {
  return items
    .filter((item) => item.outcome === 'deleted')
    .filter((item) => typeof item.estimatedMonthlySavingsUsd === 'number' && item.estimatedMonthlySavingsUsd > 0)
    .map((item) => ({
      resource: firstString(item, ['resourceId', 'resource', 'id']) ?? '(unnamed)',
      kind: firstString(item, ['resourceType', 'kind']),
      region: firstString(item, ['region']),
      estimatedMonthlySavingsUsd: item.estimatedMonthlySavingsUsd as number,
      reportKey,
    }));
}

async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken }));
    keys.push(...(page.Contents ?? []).map((object) => object.Key ?? '').filter((key) => key.endsWith('.json')));
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return keys.sort();
}

export async function readCleanupSavings(s3: S3Client, bucket: string, plan: CostPlan): Promise<SavingsReading> {
  const keys = await listKeys(s3, bucket, plan.savingsPrefix);
  let realised = 0;
  let counted = 0;
  const items: SavedItem[] = [];
  const unreadable: string[] = [];
  for (const key of keys) {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    let report: z.infer<typeof CleanupReport>;
    try {
      report = CleanupReport.parse(JSON.parse((await object.Body?.transformToString()) ?? ''));
    } catch {
      unreadable.push(key);
      continue;
    }
    if (report.dryRun) continue;
    counted += 1;
    realised += report.totals?.realisedMonthlySavingsUsd ?? 0;
    items.push(...savedItems(report.items ?? [], key));
  }
  const topItems = items
    .sort((a, b) => b.estimatedMonthlySavingsUsd - a.estimatedMonthlySavingsUsd)
    .slice(0, TOP_ITEMS);
  const base = {
    reportsRead: keys.length,
    reportsCounted: counted,
    realisedMonthlySavingsUsd: realised,
    topItems,
    unreadable,
  };
  if (counted === 0) {
    return {
      status: 'none',
      message:
        keys.length === 0
          ? `no nightly-cleanup report in ${plan.monthName}: counted as 0 USD`
          : `${keys.length} nightly-cleanup report(s) in ${plan.monthName}, none of a real run: counted as 0 USD`,
      ...base,
    };
  }
  return { status: 'ok', ...base };
}
