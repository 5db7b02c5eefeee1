// Reading the tags that decide whether cleanup may touch a resource: the exemption, the mark, and the tags AWS
// services put on what they manage (CloudFormation, AWS Backup, Data Lifecycle Manager).
import { holdProtection } from '../../shared/holds/holds.ts';
import { MARK_TAG, type SkipReason } from './model.ts';

export type Tags = { Key?: string; Value?: string }[] | undefined;

export function tagValue(tags: Tags, key: string): string | undefined {
  return tags?.find((tag) => tag.Key === key)?.Value;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})?$/;

/** A date-only value covers its whole UTC day; a timestamp holds until that instant. */
function untilOf(value: string): number | undefined {
  if (ISO_DATE.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(start) ? undefined : start + DAY_MS;
  }
  if (ISO_TIMESTAMP.test(value)) {
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : at;
  }
  return undefined;
}

export interface Exemption {
  exempt: boolean;
  detail?: string;
}

/**
 * `true` exempts for good, an ISO date until the end of that day (UTC), a timestamp until that instant; `false` or a
 * date in the past does not. Any other value exempts: a human meant something, and guessing wrong would delete.
 */
export function exemptionOf(tags: Tags, tagKey: string, now: Date): Exemption {
  const raw = tagValue(tags, tagKey);
  if (raw === undefined) return { exempt: false };
  const value = raw.trim();
  if (/^true$/i.test(value)) return { exempt: true, detail: `${tagKey}=true` };
  if (/^false$/i.test(value)) return { exempt: false };
  const until = untilOf(value);
  if (until === undefined) return { exempt: true, detail: `${tagKey}="${raw}" is neither true nor an ISO date: kept` };
  return until > now.getTime() ? { exempt: true, detail: `${tagKey} until ${value}` } : { exempt: false };
}

export type MarkState =
  | { state: 'none' }
  | { state: 'invalid'; value: string }
  | { state: 'pending'; deleteAfter: string }
  | { state: 'due'; deleteAfter: string };

/** The UTC calendar date of an instant, YYYY-MM-DD. */
export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return utcDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

/** A mark is due from the first instant of its date (UTC) on. A value that is no date counts as no mark. */
export function markOf(tags: Tags, now: Date): MarkState {
  const value = tagValue(tags, MARK_TAG)?.trim();
  if (value === undefined) return { state: 'none' };
  const date = ISO_DATE.test(value) ? value : ISO_TIMESTAMP.test(value) ? value.slice(0, 10) : undefined;
  if (!date || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return { state: 'invalid', value };
  return Date.parse(`${date}T00:00:00Z`) <= now.getTime()
    ? { state: 'due', deleteAfter: date }
    : { state: 'pending', deleteAfter: date };
}

export interface Protection {
  reason: SkipReason;
  detail?: string;
}

export interface TagPolicy {
  exemptionTag: string;
  protectedTagKeys: string[];
}

/** Protections every resource type shares: a playbook's hold, exemption, configured protected keys, CloudFormation. */
export function tagProtection(tags: Tags, policy: TagPolicy, now: Date): Protection | undefined {
  const held = holdProtection(tags);
  if (held) return held;
  const exemption = exemptionOf(tags, policy.exemptionTag, now);
  if (exemption.exempt) return { reason: 'exempt', detail: exemption.detail };
  const protectedKey = policy.protectedTagKeys.find((key) => tagValue(tags, key) !== undefined);
  if (protectedKey) return { reason: 'protected-tag', detail: `tagged ${protectedKey}` };
  const stack = tagValue(tags, 'aws:cloudformation:stack-name') ?? tagValue(tags, 'aws:cloudformation:stack-id');
  if (stack !== undefined) return { reason: 'cloudformation', detail: `managed by stack ${stack}` };
  return undefined;
}

const BACKUP_DESCRIPTION = /created by (the )?AWS Backup/i;

/** Snapshots that AWS Backup or Data Lifecycle Manager created are retained (and deleted) by them, not by us. */
export function managedSnapshotProtection(tags: Tags, description: string | undefined): Protection | undefined {
  const backupKey = tags?.find((tag) => tag.Key?.startsWith('aws:backup:'))?.Key;
  if (backupKey || BACKUP_DESCRIPTION.test(description ?? '')) {
    return { reason: 'aws-backup', detail: backupKey ? `tagged ${backupKey}` : 'created by AWS Backup' };
  }
  const policy = tagValue(tags, 'aws:dlm:lifecycle-policy-id');
  if (policy !== undefined) return { reason: 'data-lifecycle-manager', detail: `lifecycle policy ${policy}` };
  return undefined;
}

export function nameOf(tags: Tags): string | undefined {
  return tagValue(tags, 'Name');
}
