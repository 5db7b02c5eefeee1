// A one-line rendering of a zod input schema for `autopilot list`: {regions?: string[], dryRun?: boolean}.
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

export function schemaText(schema: z.ZodType): string {
  return render(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, 0);
}
