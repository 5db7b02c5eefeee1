// Estimated monthly savings per resource from the configured list prices (USD). Volumes: storage only (provisioned
// IOPS and throughput are not counted). Snapshots: their full source-volume size, although billing counts only the
// blocks they hold that no other snapshot holds: an upper bound. Elastic IPs: an idle public IPv4 address.
import type { Prices } from './model.ts';

const cents = (value: number) => Math.round(value * 100) / 100;

export function volumeMonthlyUsd(prices: Prices, sizeGiB: number, volumeType: string | undefined): number {
  const perGb = prices.volumeGbMonth[volumeType ?? 'standard'] ?? prices.volumeGbMonth.standard ?? 0;
  return cents(sizeGiB * perGb);
}

export function snapshotMonthlyUsd(prices: Prices, sizeGiB: number, storageTier: string | undefined): number {
  return cents(sizeGiB * (storageTier === 'archive' ? prices.snapshotArchiveGbMonth : prices.snapshotGbMonth));
}

export function addressMonthlyUsd(prices: Prices): number {
  return cents(prices.publicIpv4Hour * prices.hoursPerMonth);
}

export const PRICING_NOTES = [
  'Estimated monthly savings use the configured list prices (USD).',
  'Volumes: storage per GB-month by volume type; provisioned IOPS and throughput are not included.',
  'Snapshots: full source-volume size per GB-month. Snapshot billing counts only changed blocks a snapshot holds ' +
    'alone, so the figure is an upper bound.',
  'Elastic IPs: an idle public IPv4 address per hour, times hours per month.',
  'Final snapshots taken before volume deletion cost up to their size at the snapshot price until they are cleaned ' +
    'up in turn (listed as finalSnapshotsMonthlyCostUsd, an upper bound).',
];
