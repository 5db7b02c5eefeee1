// EC2 resources by id: the record an id names in the region's state, or the exact error EC2 answers for a
// well-formed id that does not exist or a malformed one (the id kinds themselves are data in sandbox/ec2-ids.ts).
// Shared by Describe* (ids), CreateTags/DeleteTags and every operation that takes an EC2 id.
import { EC2_ID_KINDS, type Ec2IdKind, isWellFormedId, kindOfId } from '../../ec2-ids.ts';
import { awsError } from '../../errors.ts';
import type { Ec2State, Tag } from '../../state.ts';
import type { HandlerContext } from '../types.ts';

export type ResourceKind = Ec2IdKind;
export const RESOURCE_KINDS = EC2_ID_KINDS;

const notFound = (kind: ResourceKind, id: string) => awsError(kind.notFoundCode, kind.notFoundMessage(id));

type AnyRecord = Record<string, unknown>;
type InstanceRec = Ec2State['instances'][number];

function collectionOf(ctx: HandlerContext, kind: ResourceKind): AnyRecord[] {
  return ctx.regional.ec2[kind.collection] as unknown as AnyRecord[];
}

/** The record with this id, or throws EC2's InvalidID / <Kind>.Malformed / <Kind>.NotFound. */
export function requireResource(ctx: HandlerContext, id: string): { record: AnyRecord; kind: ResourceKind } {
  const kind = kindOfId(id);
  if (!kind) throw awsError('InvalidID', `The ID '${id}' is not valid`);
  if (!isWellFormedId(id, kind.prefix)) throw awsError(kind.malformedCode, `Invalid id: "${id}"`);
  const record = collectionOf(ctx, kind).find((r) => r[kind.idKey] === id);
  if (!record) throw notFound(kind, id);
  return { record, kind };
}

/** The records of one collection selected by ids (in the order asked), throwing for a missing or malformed id. */
export function requireByIds<T>(ctx: HandlerContext, collection: keyof Ec2State, ids: string[]): T[] {
  const kind = RESOURCE_KINDS.find((k) => k.collection === collection);
  if (!kind) throw new Error(`sandbox: no EC2 resource kind for ${collection}`);
  return [...new Set(ids)].map((id) => {
    if (!isWellFormedId(id, kind.prefix)) throw awsError(kind.malformedCode, `Invalid id: "${id}"`);
    const record = collectionOf(ctx, kind).find((r) => r[kind.idKey] === id);
    if (!record) throw notFound(kind, id);
    return record as T;
  });
}

/** An instance by id (with the bookkeeping attributes the state keeps on it), or EC2's id errors. */
export function requireInstance(ctx: HandlerContext, id: string | undefined): InstanceRec {
  return requireResource(ctx, id ?? '').record as unknown as InstanceRec;
}

/** DryRun on a mutating call: after the checks, answer DryRunOperation instead of changing anything. */
export function stopIfDryRun(input: { DryRun?: boolean }): void {
  if (input.DryRun) throw awsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
}

/** Deletes a record from its collection (a no-op when it is not there). */
export function removeRecord<T>(list: T[], record: T): void {
  const index = list.indexOf(record);
  if (index >= 0) list.splice(index, 1);
}

/** The tag list of a record (created empty when missing), under Tags or TagSet as its kind stores it. */
export function tagListOf(record: AnyRecord, kind: ResourceKind): Tag[] {
  record[kind.tagsKey] ??= [];
  return record[kind.tagsKey] as Tag[];
}

/** Validates EC2 MaxResults against ids/range; returns the page size (capped like EC2), undefined for "all". */
export function ec2PageSize<I extends { MaxResults?: number }>(
  input: I,
  idsParam: (keyof I & string) | undefined,
  range: { min: number; max: number },
): number | undefined {
  const max = input.MaxResults;
  if (max === undefined) return undefined;
  const ids = idsParam ? (input[idsParam] as unknown[] | undefined) : undefined;
  if (idsParam && ids?.length) {
    const param = idsParam.charAt(0).toLowerCase() + idsParam.slice(1);
    throw awsError(
      'InvalidParameterCombination',
      `The parameter ${param} cannot be used with the parameter maxResults`,
    );
  }
  if (max < range.min || !Number.isInteger(max)) {
    throw awsError(
      'InvalidParameterValue',
      `Value ( ${max} ) for parameter maxResults is invalid. Expecting a value greater than ${range.min}.`,
    );
  }
  return Math.min(max, range.max);
}

export const invalidEc2Token = () => awsError('InvalidPaginationToken', 'The specified pagination token is not valid');
