// The measured RTO of each test against the earlier runs (same resource type and region): their median, and whether
// this one is far above it (rtoAlertFactor times). A type with no earlier passed test has no trend yet.
import type { ItemResult } from '../cleanup/outcome.ts';
import type { RunHistory } from '../history.ts';

export interface TrendLine {
  resourceType: string;
  region: string;
  rtoSeconds: number | null;
  earlierMedianSeconds: number | null;
  earlierRuns: number;
  farAbove: boolean;
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function trendOf(results: ItemResult[], earlier: RunHistory[], factor: number): TrendLine[] {
  return results
    .filter((result) => result.outcome !== 'dry-run')
    .map((result) => {
      const values = earlier.flatMap((run) =>
        run.tests
          .filter((t) => t.resourceType === result.resourceType && t.region === result.region && t.rtoSeconds !== null)
          .map((t) => t.rtoSeconds as number),
      );
      const earlierMedian = median(values);
      return {
        resourceType: result.resourceType,
        region: result.region,
        rtoSeconds: result.rtoSeconds,
        earlierMedianSeconds: earlierMedian,
        earlierRuns: values.length,
        farAbove:
          result.rtoSeconds !== null &&
          earlierMedian !== null &&
          earlierMedian > 0 &&
          result.rtoSeconds > factor * earlierMedian,
      };
    });
}
