// EC2 `Filters` semantics shared by every Describe* operation: filters are ANDed, the values of one filter ORed,
// values may use the wildcards `*` and `?`; `tag:<key>`, `tag-key` and `tag-value` work on every taggable resource.
// An unknown filter name is an error (InvalidParameterValue), as on EC2: a typo must not silently match everything.
import type { Filter } from '@aws-sdk/client-ec2';
import { awsError } from '../../errors.ts';

type AnyTag = { Key?: string; Value?: string };

/** Reads the value(s) a filter name compares against; arrays match when any element matches. */
export type FilterFields<T> = Record<string, (record: T) => unknown>;

export function applyFilters<T>(
  records: T[],
  filters: Filter[] | undefined,
  fields: FilterFields<T>,
  tagsOf: (record: T) => AnyTag[] | undefined = (record) => (record as { Tags?: AnyTag[] }).Tags,
): T[] {
  if (!filters?.length) return records;
  for (const filter of filters) {
    const name = filter.Name ?? '';
    const known = name.startsWith('tag:') || name === 'tag-key' || name === 'tag-value' || name in fields;
    if (!known) throw awsError('InvalidParameterValue', `The filter '${name}' is invalid`);
  }
  return records.filter((record) => filters.every((filter) => matchesFilter(record, filter, fields, tagsOf)));
}

function matchesFilter<T>(
  record: T,
  filter: Filter,
  fields: FilterFields<T>,
  tagsOf: (record: T) => AnyTag[] | undefined,
): boolean {
  const name = filter.Name ?? '';
  const patterns = filter.Values ?? [];
  const tags = tagsOf(record) ?? [];
  let candidates: unknown[];
  if (name.startsWith('tag:')) {
    const key = name.slice(4);
    candidates = tags.filter((t) => t.Key === key).map((t) => t.Value);
  } else if (name === 'tag-key') {
    candidates = tags.map((t) => t.Key);
  } else if (name === 'tag-value') {
    candidates = tags.map((t) => t.Value);
  } else {
    const value = fields[name](record);
    candidates = Array.isArray(value) ? value.flat() : [value];
  }
  const strings = candidates.filter((v) => v !== undefined && v !== null).map(String);
  return patterns.some((pattern) => strings.some((value) => wildcardMatch(pattern, value)));
}

/** EC2 filter wildcards: `*` any run of characters, `?` exactly one; `\` escapes them. */
export function wildcardMatch(pattern: string, value: string): boolean {
  let regex = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) regex += escapeRegex(pattern[++i]);
    else if (c === '*') regex += '.*';
    else if (c === '?') regex += '.';
    else regex += escapeRegex(c);
  }
  return new RegExp(`^${regex}$`, 's').test(value);
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
