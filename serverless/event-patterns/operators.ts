// Match conditions of EventBridge event patterns: one element of a leaf array, tested against one leaf value.
// Semantics follow the AWS docs and aws/event-ruler, the library EventBridge matches with.
import { BlockList, isIP } from 'node:net';

export type JsonObject = Record<string, unknown>;

export const OPERATORS = [
  'prefix',
  'suffix',
  'anything-but',
  'numeric',
  'exists',
  'cidr',
  'equals-ignore-case',
  'wildcard',
] as const;

const ANYTHING_BUT_OPERATORS = ['prefix', 'suffix', 'equals-ignore-case', 'wildcard'];
const LOWER_BOUNDS = ['>', '>='];
const UPPER_BOUNDS = ['<', '<='];

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The single `{ operator: operand }` pair of a condition object, or undefined when it is not one. */
export function operatorOf(condition: unknown): [string, unknown] | undefined {
  if (!isPlainObject(condition)) return undefined;
  const entries = Object.entries(condition);
  return entries.length === 1 ? entries[0] : undefined;
}

/** True when `value` (a present leaf: string, number, boolean or null) satisfies `condition`. */
export function matchesCondition(condition: unknown, value: unknown): boolean {
  // Strict equality keeps JSON types apart: 5 never equals "5", true never equals "true".
  if (!isPlainObject(condition)) return condition === value;
  const pair = operatorOf(condition);
  if (!pair) return false;
  const [operator, operand] = pair;
  switch (operator) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
    case 'wildcard':
      return typeof value === 'string' && matchesString(operator, operand, value);
    case 'anything-but':
      return matchesAnythingBut(operand, value);
    case 'numeric':
      return typeof value === 'number' && Array.isArray(operand) && matchesNumeric(operand, value);
    case 'cidr':
      return typeof value === 'string' && typeof operand === 'string' && inCidr(operand, value);
    default:
      // `exists` is decided by the caller, which knows whether the field is present.
      return false;
  }
}

function matchesString(operator: string, operand: unknown, value: string): boolean {
  const nested = isPlainObject(operand) ? operand['equals-ignore-case'] : undefined;
  const expected = nested ?? operand;
  if (typeof expected !== 'string') return false;
  if (operator === 'wildcard') return wildcardRegExp(expected).test(value);
  const ignoreCase = nested !== undefined || operator === 'equals-ignore-case';
  const [want, got] = ignoreCase ? [expected.toLowerCase(), value.toLowerCase()] : [expected, value];
  if (operator === 'prefix') return got.startsWith(want);
  if (operator === 'suffix') return got.endsWith(want);
  return got === want;
}

// Any present value that does not satisfy the operand matches, whatever its JSON type: event-ruler compares raw
// JSON text, so 5 is "anything but" the string "5" and a number never starts with a string prefix.
function matchesAnythingBut(operand: unknown, value: unknown): boolean {
  if (!isPlainObject(operand)) {
    const excluded = Array.isArray(operand) ? operand : [operand];
    return !excluded.includes(value);
  }
  const pair = operatorOf(operand);
  if (!pair || !ANYTHING_BUT_OPERATORS.includes(pair[0])) return false;
  const [operator, operands] = pair;
  const excluded = Array.isArray(operands) ? operands : [operands];
  if (typeof value !== 'string') return true;
  return !excluded.some((one) => matchesString(operator, one, value));
}

function matchesNumeric(terms: unknown[], value: number): boolean {
  for (let i = 0; i < terms.length; i += 2) {
    const [operator, bound] = [terms[i], terms[i + 1]];
    if (typeof bound !== 'number' || !compare(operator, value, bound)) return false;
  }
  return terms.length > 0;
}

function compare(operator: unknown, value: number, bound: number): boolean {
  switch (operator) {
    case '=':
      return value === bound;
    case '<':
      return value < bound;
    case '<=':
      return value <= bound;
    case '>':
      return value > bound;
    case '>=':
      return value >= bound;
    default:
      return false;
  }
}

// Patterns are matched against many events, so compiled wildcards and CIDR blocks are kept.
const wildcards = new Map<string, RegExp>();
const cidrs = new Map<string, { family: 'ipv4' | 'ipv6'; block: BlockList } | null>();

function wildcardRegExp(wildcard: string): RegExp {
  let regExp = wildcards.get(wildcard);
  if (!regExp) {
    let source = '';
    for (let i = 0; i < wildcard.length; i++) {
      const char = wildcard[i];
      if (char === '*') source += '.*';
      else source += escapeRegExp(char === '\\' && i + 1 < wildcard.length ? wildcard[++i] : char);
    }
    regExp = new RegExp(`^${source}$`, 's');
    wildcards.set(wildcard, regExp);
  }
  return regExp;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function inCidr(cidr: string, address: string): boolean {
  if (!cidrs.has(cidr)) cidrs.set(cidr, compileCidr(cidr));
  const compiled = cidrs.get(cidr);
  if (!compiled || isIP(address) !== (compiled.family === 'ipv4' ? 4 : 6)) return false;
  return compiled.block.check(address, compiled.family);
}

function compileCidr(cidr: string): { family: 'ipv4' | 'ipv6'; block: BlockList } | null {
  if (cidrProblem(cidr)) return null;
  const [network, bits] = cidr.split('/');
  const family = isIP(network) === 4 ? 'ipv4' : 'ipv6';
  const block = new BlockList();
  block.addSubnet(network, Number(bits), family);
  return { family, block };
}

// ---- validation: one human-readable problem per mistake, each prefixed with where it is ----

/** Problems with one element of a leaf array; `at` names it (`detail.state[0]`). */
export function conditionProblems(condition: unknown, at: string): string[] {
  if (condition === null || ['string', 'number', 'boolean'].includes(typeof condition)) return [];
  if (!isPlainObject(condition)) return [`${at}: a match value must be a string, number, boolean, null or operator`];
  const keys = Object.keys(condition);
  if (keys.length !== 1) return [`${at}: an operator object needs exactly one key, found ${keys.length}`];
  const [operator, operand] = Object.entries(condition)[0];
  const problem = operandProblem(operator, operand);
  return problem ? [`${at}: ${problem}`] : [];
}

function operandProblem(operator: string, operand: unknown): string | undefined {
  switch (operator) {
    case 'prefix':
    case 'suffix':
      if (isPlainObject(operand)) return ignoreCaseProblem(operator, operand);
      return typeof operand === 'string' ? undefined : `"${operator}" needs a string`;
    case 'equals-ignore-case':
      return typeof operand === 'string' ? undefined : '"equals-ignore-case" needs a string';
    case 'wildcard':
      return typeof operand === 'string' ? wildcardProblem(operand) : '"wildcard" needs a string';
    case 'exists':
      return typeof operand === 'boolean' ? undefined : '"exists" needs true or false';
    case 'cidr':
      return typeof operand === 'string' ? cidrProblem(operand) : '"cidr" needs a string such as "10.0.0.0/24"';
    case 'numeric':
      return numericProblem(operand);
    case 'anything-but':
      return anythingButProblem(operand);
    default:
      return `unknown operator "${operator}" (known: ${OPERATORS.join(', ')})`;
  }
}

function ignoreCaseProblem(operator: string, operand: JsonObject): string | undefined {
  const pair = operatorOf(operand);
  if (pair?.[0] !== 'equals-ignore-case') return `"${operator}" takes a string or {"equals-ignore-case": "..."}`;
  return typeof pair[1] === 'string' ? undefined : `"${operator}" with "equals-ignore-case" needs a string`;
}

function wildcardProblem(wildcard: string): string | undefined {
  for (let i = 0; i < wildcard.length; i++) {
    if (wildcard[i] === '\\') {
      const escaped = wildcard[i + 1];
      if (escaped !== '*' && escaped !== '\\') return `wildcard "${wildcard}": "\\" may only escape * or \\`;
      i++;
    } else if (wildcard[i] === '*' && wildcard[i + 1] === '*') {
      return `wildcard "${wildcard}": consecutive * are not allowed`;
    }
  }
  return undefined;
}

function cidrProblem(cidr: string): string | undefined {
  const parts = cidr.split('/');
  if (parts.length !== 2) return `cidr "${cidr}" needs exactly one "/" (such as "10.0.0.0/24")`;
  const family = isIP(parts[0]);
  if (family === 0) return `cidr "${cidr}": "${parts[0]}" is not an IPv4 or IPv6 address`;
  const maxBits = family === 4 ? 32 : 128;
  if (!/^\d+$/.test(parts[1]) || Number(parts[1]) > maxBits) return `cidr "${cidr}": mask bits must be 0 to ${maxBits}`;
  return undefined;
}

// AWS accepts "=" alone, a single bound, or a lower bound followed by a higher upper bound.
function numericProblem(terms: unknown): string | undefined {
  if (!Array.isArray(terms) || terms.length === 0) return '"numeric" needs an array such as [">", 0, "<=", 5]';
  if (terms.length !== 2 && terms.length !== 4) return '"numeric" takes one comparison or a lower and an upper bound';
  for (let i = 0; i < terms.length; i += 2) {
    if (!['=', ...LOWER_BOUNDS, ...UPPER_BOUNDS].includes(terms[i] as string)) {
      return `"numeric" operator ${JSON.stringify(terms[i])} is not one of =, <, <=, >, >=`;
    }
    if (typeof terms[i + 1] !== 'number') return `"numeric" operand of "${terms[i]}" must be a number`;
  }
  if (terms.length === 4) {
    if (!LOWER_BOUNDS.includes(terms[0]) || !UPPER_BOUNDS.includes(terms[2])) {
      return '"numeric" range must be a lower bound (> or >=) followed by an upper bound (< or <=)';
    }
    if (terms[1] >= terms[3]) return `"numeric" range is empty: ${terms[1]} is not below ${terms[3]}`;
  }
  return undefined;
}

function anythingButProblem(operand: unknown): string | undefined {
  if (typeof operand === 'string' || typeof operand === 'number') return undefined;
  if (Array.isArray(operand)) {
    const allStrings = operand.every((value) => typeof value === 'string');
    const allNumbers = operand.every((value) => typeof value === 'number');
    if (operand.length > 0 && (allStrings || allNumbers)) return undefined;
    return '"anything-but" list must be non-empty and hold only strings or only numbers';
  }
  const pair = operatorOf(operand);
  if (!pair || !ANYTHING_BUT_OPERATORS.includes(pair[0])) {
    return `"anything-but" accepts a value, a list, or one of {${ANYTHING_BUT_OPERATORS.join(', ')}}`;
  }
  const [operator, operands] = pair;
  const values = Array.isArray(operands) ? operands : [operands];
  if (values.length === 0 || values.some((value) => typeof value !== 'string')) {
    return `"anything-but" with "${operator}" needs a string or a list of strings`;
  }
  if ((operator === 'prefix' || operator === 'suffix') && values.includes('')) {
    return `"anything-but" with "${operator}" cannot be empty`;
  }
  return operator === 'wildcard' ? values.map(wildcardProblem).find(Boolean) : undefined;
}
