// Turns a handler's result (state records: ISO-string timestamps, base64 blobs, sandbox-only bookkeeping fields) into
// exactly what the SDK would have deserialized from the wire, by walking the operation's output schema (SDK v3
// clients carry it in the handler context): timestamps become Date, blobs Uint8Array, members the schema does not
// model are dropped, and the result never aliases the state.
import { NormalizedSchema } from '@smithy/core/schema';

/** Key of the smithy context inside the middleware handler context (SMITHY_CONTEXT_KEY of @smithy/types). */
const SMITHY_CONTEXT_KEY = '__smithy_context';

type SchemaRef = Parameters<typeof NormalizedSchema.of>[0];

/** The output schema of the command being sent, if the client is schema-based (all clients we use are). */
export function outputSchemaOf(context: Record<string, unknown>): SchemaRef | undefined {
  const smithy = context[SMITHY_CONTEXT_KEY] as { operationSchema?: unknown } | undefined;
  // Static schemas are tuples [kind, namespace, name, traits, input, output]; older ones objects with .output.
  const op = smithy?.operationSchema as SchemaRef[] | { output?: SchemaRef } | undefined;
  if (!op) return undefined;
  return Array.isArray(op) ? op[5] : op.output;
}

export function shapeOutput(schema: SchemaRef | undefined, value: unknown): Record<string, unknown> {
  if (schema === undefined) return structuredClone((value ?? {}) as Record<string, unknown>);
  return (shape(NormalizedSchema.of(schema), value) ?? {}) as Record<string, unknown>;
}

function shape(ns: NormalizedSchema, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (ns.isStreaming()) return value; // e.g. GetObject Body: already an SDK stream
  if (ns.isTimestampSchema()) return toDate(value);
  if (ns.isBlobSchema()) return toBytes(value);
  if (ns.isStructSchema() && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      const shaped = shape(member, value[name]);
      if (shaped !== undefined) out[name] = shaped;
    }
    return out;
  }
  if (ns.isListSchema() && Array.isArray(value)) {
    const member = ns.getValueSchema();
    return value.map((item) => shape(member, item));
  }
  if (ns.isMapSchema() && isPlainObject(value)) {
    const member = ns.getValueSchema();
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(member, v)]));
  }
  if (ns.isDocumentSchema()) return structuredClone(value);
  return value;
}

function toDate(value: unknown): Date | unknown {
  if (value instanceof Date) return new Date(value.getTime());
  if (typeof value === 'string' || typeof value === 'number') {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new Error(`sandbox: invalid timestamp ${JSON.stringify(value)} in state`);
    return date;
  }
  return value;
}

function toBytes(value: unknown): Uint8Array | unknown {
  if (typeof value === 'string') return new Uint8Array(Buffer.from(value, 'base64'));
  if (value instanceof Uint8Array) return new Uint8Array(value);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
