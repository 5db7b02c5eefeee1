// Key-based pagination shared by every paginated operation. Tokens remember the last key returned rather than an
// offset, so a playbook that deletes what it has just listed (cleanup) neither skips nor repeats items, as on AWS.

export interface Page<T> {
  items: T[];
  /** Set when more items follow; pass back as NextToken / ContinuationToken. */
  nextToken?: string;
}

export interface PageOptions {
  /** The token from the previous page. */
  token?: string;
  /** Items per page; every item on one page when undefined. */
  pageSize?: number;
  /** The service's error for a token it did not issue (EC2 InvalidPaginationToken, Config InvalidNextTokenException, ...). */
  invalidToken: () => Error;
}

/** Items sorted by key (AWS promises no order; a stable one makes pages disjoint), sliced after the token's key. */
export function paginate<T>(items: T[], keyOf: (item: T) => string, options: PageOptions): Page<T> {
  const sorted = sortedByKey(items, keyOf);
  const after = options.token === undefined ? undefined : decodeToken(options.token, options.invalidToken);
  const start = after === undefined ? 0 : firstAfter(sorted, after);
  const remaining = sorted.length - start;
  if (options.pageSize === undefined || remaining <= options.pageSize) return { items: itemsOf(sorted, start) };
  if (options.pageSize <= 0) return { items: [] }; // e.g. S3 MaxKeys: 0
  const page = sorted.slice(start, start + options.pageSize);
  return { items: page.map(([, item]) => item), nextToken: encodeToken(page[page.length - 1][0]) };
}

// Collections are usually stored in id order already: check that in one pass, and sort (on keys computed once)
// only when they are not, so paging through 100,000 snapshots stays linear per page.
function sortedByKey<T>(items: T[], keyOf: (item: T) => string): [string, T][] {
  const keyed = items.map((item): [string, T] => [keyOf(item), item]);
  for (let index = 1; index < keyed.length; index++) {
    if (compare(keyed[index - 1][0], keyed[index][0]) > 0) return keyed.sort((a, b) => compare(a[0], b[0]));
  }
  return keyed;
}

function firstAfter<T>(sorted: [string, T][], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(sorted[middle][0], key) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

const itemsOf = <T>(sorted: [string, T][], start: number) => sorted.slice(start).map(([, item]) => item);

/** Byte-wise order (what S3 promises for keys; fine for ids and names). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function encodeToken(lastKey: string): string {
  return Buffer.from(JSON.stringify({ after: lastKey }), 'utf8').toString('base64url');
}

function decodeToken(token: string, invalidToken: () => Error): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof parsed?.after === 'string') return parsed.after;
  } catch {
    // fall through: not a token we issued
  }
  throw invalidToken();
}
