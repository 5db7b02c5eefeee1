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
  const sorted = [...items].sort((a, b) => compare(keyOf(a), keyOf(b)));
  const after = options.token === undefined ? undefined : decodeToken(options.token, options.invalidToken);
  const remaining = after === undefined ? sorted : sorted.filter((item) => compare(keyOf(item), after) > 0);
  if (options.pageSize === undefined || remaining.length <= options.pageSize) return { items: remaining };
  if (options.pageSize <= 0) return { items: [] }; // e.g. S3 MaxKeys: 0
  const pageItems = remaining.slice(0, options.pageSize);
  return { items: pageItems, nextToken: encodeToken(keyOf(pageItems[pageItems.length - 1])) };
}

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
