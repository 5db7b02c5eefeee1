// EventBridge event-pattern matching (which rule would start which playbook; a pattern checked before it is deployed),
// written here because no well-kept npm library does it. Semantics: AWS "Amazon EventBridge event patterns" docs and aws/event-ruler.
import {
  conditionProblems,
  isPlainObject,
  type JsonObject,
  matchesCondition,
  OPERATORS,
  operatorOf,
} from './operators.ts';

/** True when `event` matches the EventBridge `pattern`; a malformed pattern never matches. */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  return isPlainObject(pattern) && isPlainObject(event) && matchesObject(pattern, event);
}

/** Human-readable problems with `pattern` (empty when EventBridge would accept it). */
export function validatePattern(pattern: unknown): string[] {
  if (!isPlainObject(pattern)) return [`the pattern must be a JSON object, got ${describe(pattern)}`];
  return objectProblems(pattern, '');
}

function matchesObject(pattern: JsonObject, event: JsonObject): boolean {
  return Object.entries(pattern).every(([key, rule]) => {
    if (key === '$or') {
      return Array.isArray(rule) && rule.some((branch) => isPlainObject(branch) && matchesObject(branch, event));
    }
    const value = Object.hasOwn(event, key) ? event[key] : undefined;
    if (Array.isArray(rule)) return matchesLeaf(rule, leafValues(value));
    // Each array element is tried on its own, so two fields never match in two different elements
    // (event-ruler's "array-consistent" matching).
    if (isPlainObject(rule)) return objectsAt(value).some((candidate) => matchesObject(rule, candidate));
    return false;
  });
}

function matchesLeaf(conditions: unknown[], values: unknown[]): boolean {
  return conditions.some((condition) => {
    const exists = operatorOf(condition);
    const present = values.length > 0;
    if (exists?.[0] === 'exists') return exists[1] === present;
    return values.some((value) => matchesCondition(condition, value));
  });
}

// The leaf values at a path: arrays are flattened and objects dropped, because exists and every other
// operator only look at leaves (an object under "c-count" counts as "c-count" not existing).
function leafValues(value: unknown): unknown[] {
  if (value === undefined || isPlainObject(value)) return [];
  return Array.isArray(value) ? value.flatMap(leafValues) : [value];
}

// A missing or non-object value still descends as {} so that nested exists:false can match.
function objectsAt(value: unknown): JsonObject[] {
  const objects = (Array.isArray(value) ? value.flat(Number.POSITIVE_INFINITY) : [value]).filter(isPlainObject);
  return objects.length > 0 ? objects : [{}];
}

function objectProblems(pattern: JsonObject, path: string): string[] {
  const where = path || 'the pattern';
  if (Object.keys(pattern).length === 0) return [`${where}: empty objects are not allowed`];
  return Object.entries(pattern).flatMap(([key, rule]) => {
    if (key === '$or') return orProblems(rule, path);
    const at = path ? `${path}.${key}` : key;
    if (isPlainObject(rule)) return objectProblems(rule, at);
    if (!Array.isArray(rule)) return [`${at}: must be an array of match conditions or a nested object`];
    if (rule.length === 0) return [`${at}: empty arrays are not allowed (they would match nothing)`];
    return rule.flatMap((condition, index) => conditionProblems(condition, `${at}[${index}]`));
  });
}

function orProblems(branches: unknown, path: string): string[] {
  const at = path ? `${path}.$or` : '$or';
  if (!Array.isArray(branches) || branches.length < 2 || !branches.every(isPlainObject)) {
    return [`${at}: must be an array of at least two pattern objects`];
  }
  return branches.flatMap((branch, index) => {
    const reserved = Object.keys(branch).filter((key) => (OPERATORS as readonly string[]).includes(key));
    if (reserved.length > 0) return reserved.map((key) => `${at}[${index}]: "${key}" is an operator, not a field name`);
    if (Object.keys(branch).length === 0) return [`${at}[${index}]: empty objects are not allowed`];
    return objectProblems(branch, path);
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
