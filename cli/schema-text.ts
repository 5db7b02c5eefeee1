// A one-line rendering of a zod input schema for `autopilot list` and the README catalogue:
// {regions?: string[], dryRun?: boolean}; alternatives as `one of: {…} | {…}`.
import * as z from 'zod';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
};

function render(schema: JsonSchema, depth: number): string {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map((item) => render(item, depth)).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join('|');
  if (schema.type === 'array') {
    const item = render(schema.items ?? {}, depth);
    return item.includes('|') ? `(${item})[]` : `${item}[]`;
  }
  if (schema.type === 'object' || schema.properties) {
    if (depth > 1) return 'object';
    const required = new Set(schema.required ?? []);
    const fields = Object.entries(schema.properties ?? {})
      // Keys the state machine and the schedules set, not a person: execution, trigger.
      .filter(([name]) => name !== 'execution' && name !== 'trigger')
      .map(([name, value]) => `${name}${required.has(name) ? '' : '?'}: ${render(value, depth + 1)}`);
    return `{${fields.join(', ')}}`;
  }
  return Array.isArray(schema.type) ? schema.type.join('|') : (schema.type ?? 'any');
}

/** Each alternative of a zod input schema in one line (one element when the schema has no alternatives). */
export function inputAlternatives(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const alternatives = json.anyOf ?? json.oneOf;
  return alternatives ? alternatives.map((item) => render(item, 0)) : [render(json, 0)];
}

/** One line for a zod input schema; a schema of alternatives reads `one of: {…} | {…}`. */
export function schemaText(schema: z.ZodType): string {
  const alternatives = inputAlternatives(schema);
  return alternatives.length > 1 ? `one of: ${alternatives.join(' | ')}` : alternatives[0];
}
