// What the RDS operations share: finding clusters and instances by identifier or ARN (RDS accepts both), their ARNs
// and endpoints, the faults RDS answers with, and the progression of transitional statuses: a record carries the
// statuses its next describes show (`pendingStatuses`), one per describe that returns it, as a waiter would see
// `creating` -> `available`; `__deleted` removes it.
import { awsError } from '../../errors.ts';
import type { DbClusterRec, DbInstanceRec } from '../../state.ts';
import type { HandlerContext } from '../types.ts';

export const DELETED = '__deleted';

export const clusterNotFound = (id: string | undefined) =>
  awsError('DBClusterNotFoundFault', `DBCluster ${id} not found.`, { status: 404 });
export const instanceNotFound = (id: string | undefined) =>
  awsError('DBInstanceNotFoundFault', `DBInstance ${id} not found.`, { status: 404 });
export const invalidParameterValue = (message: string) => awsError('InvalidParameterValue', message);
export const invalidParameterCombination = (message: string) => awsError('InvalidParameterCombination', message);

/** The region's DB instances (created on first use in a state saved before they were modelled). */
export function instancesOf(ctx: HandlerContext): DbInstanceRec[] {
  ctx.regional.rds.instances ??= [];
  return ctx.regional.rds.instances;
}

export const clusterArn = (ctx: HandlerContext, id: string) =>
  `arn:aws:rds:${ctx.region}:${ctx.accountId}:cluster:${id}`;
export const instanceArn = (ctx: HandlerContext, id: string) => `arn:aws:rds:${ctx.region}:${ctx.accountId}:db:${id}`;

/** Identifiers are case-insensitive and stored lower-case, as RDS does. */
const sameId = (id: string, asked: string | undefined) =>
  asked !== undefined && (id === asked.toLowerCase() || asked.endsWith(`:${id}`));

export function findCluster(ctx: HandlerContext, asked: string | undefined): DbClusterRec | undefined {
  return ctx.regional.rds.clusters.find((c) => sameId(c.DBClusterIdentifier, asked));
}

export function requireCluster(ctx: HandlerContext, asked: string | undefined): DbClusterRec {
  const cluster = findCluster(ctx, asked);
  if (!cluster) throw clusterNotFound(asked);
  return cluster;
}

export function findInstance(ctx: HandlerContext, asked: string | undefined): DbInstanceRec | undefined {
  return instancesOf(ctx).find((i) => sameId(i.DBInstanceIdentifier, asked));
}

/** RDS identifiers: 1-63 letters, digits or hyphens, a letter first, no trailing or double hyphen. */
export function checkIdentifier(id: string | undefined, parameter: string): string {
  if (!id || !/^[a-zA-Z](?:[a-zA-Z0-9]|-(?!-)){0,62}$/.test(id) || id.endsWith('-')) {
    throw invalidParameterValue(
      `The parameter ${parameter} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.`,
    );
  }
  return id.toLowerCase();
}

export const clusterEndpoint = (ctx: HandlerContext, id: string) =>
  `${id}.cluster-csandbox0001.${ctx.region}.rds.amazonaws.com`;

/**
 * The status a describe shows, then the record moves on to its next pending status (the following describe sees
 * it). Returns false when the record is gone (its pending status was `__deleted`).
 */
export function advance<T extends { pendingStatuses?: string[] }>(
  record: T,
  status: () => string,
  setStatus: (next: string) => void,
): string {
  const shown = status();
  const next = record.pendingStatuses?.shift();
  if (next !== undefined) setStatus(next);
  if (record.pendingStatuses?.length === 0) delete record.pendingStatuses;
  return shown;
}

/** Removes the records whose status became `__deleted`. */
export function sweepDeleted<T>(list: T[], statusOf: (item: T) => string): void {
  for (let index = list.length - 1; index >= 0; index--) if (statusOf(list[index]) === DELETED) list.splice(index, 1);
}

/** RDS tags as the API takes them, merged over the existing ones by key. */
export function mergeTags(
  existing: { Key: string; Value: string }[] | undefined,
  added: { Key?: string; Value?: string }[] | undefined,
): { Key: string; Value: string }[] {
  const merged = new Map((existing ?? []).map((tag) => [tag.Key, tag.Value]));
  for (const tag of added ?? []) if (tag.Key) merged.set(tag.Key, tag.Value ?? '');
  return [...merged].map(([Key, Value]) => ({ Key, Value }));
}

/** The restorable window of a cluster: automated backups reach back BackupRetentionPeriod days (not before the
 *  cluster existed); the latest restorable time trails the present by about five minutes. */
export function restorableWindow(ctx: HandlerContext, cluster: DbClusterRec): { earliest: string; latest: string } {
  const now = ctx.now().getTime();
  const retentionMs = (cluster.BackupRetentionPeriod ?? 7) * 86_400_000;
  const earliest = Math.max(Date.parse(cluster.ClusterCreateTime), now - retentionMs);
  return { earliest: new Date(earliest).toISOString(), latest: new Date(now - 5 * 60_000).toISOString() };
}
