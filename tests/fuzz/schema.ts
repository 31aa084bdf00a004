import { z } from 'zod';

/** The part of JSON Schema (as z.toJSONSchema writes it) the fuzz stage reads. */
export interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

/** A zod schema as JSON Schema of its input, with every `$ref` resolved (the contract's schemas are not recursive). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const resolve = (s: JsonSchema): JsonSchema => {
    if (s.$ref) return resolve(root.$defs![s.$ref.split('/').pop()!]!);
    const out: JsonSchema = { ...s };
    if (s.properties)
      out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolve(v)]));
    if (s.anyOf) out.anyOf = s.anyOf.map(resolve);
    if (s.oneOf) out.oneOf = s.oneOf.map(resolve);
    if (s.items) out.items = resolve(s.items);
    return out;
  };
  return resolve(root);
}

export const branches = (s: JsonSchema): JsonSchema[] => s.anyOf ?? s.oneOf ?? [s];
export const isUnion = (s: JsonSchema): boolean => !!(s.anyOf ?? s.oneOf);

/** Every property of an object schema (of all branches of a union), with the branch that declares it. */
export function fieldsOf(s: JsonSchema): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  for (const b of branches(s)) for (const [k, v] of Object.entries(b.properties ?? {})) if (!out.has(k)) out.set(k, v);
  return out;
}

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array';

/** The JSON types a schema accepts; `undefined` for "anything" (an unconstrained `value`). */
export function typesOf(s: JsonSchema): Set<JsonType> | undefined {
  if (s.anyOf || s.oneOf) {
    const all = new Set<JsonType>();
    for (const b of branches(s)) {
      const t = typesOf(b);
      if (!t) return undefined;
      t.forEach((x) => all.add(x));
    }
    return all;
  }
  if (s.const !== undefined) return new Set([jsonTypeOf(s.const)]);
  if (s.enum) return new Set(s.enum.map(jsonTypeOf));
  if (!s.type) return undefined;
  const t = new Set((Array.isArray(s.type) ? s.type : [s.type]) as JsonType[]);
  if (t.has('number')) t.add('integer');
  return t;
}

function jsonTypeOf(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v as JsonType;
}

/** Values of every JSON type the field does not accept: each must be refused naming the field. */
export function wrongTypeValues(s: JsonSchema): unknown[] {
  const accepted = typesOf(s);
  if (!accepted) return [];
  const candidates: [JsonType, unknown][] = [
    ['string', 'not-the-right-type'],
    ['integer', 12345],
    ['number', 1.5],
    ['boolean', true],
    ['null', null],
    ['object', { nested: 'object' }],
    ['array', ['a', 1]],
  ];
  return candidates.filter(([t]) => !accepted.has(t)).map(([, v]) => v);
}

/** Ids and names of real resources, by field name, so that an example body reaches the handler and the database. */
export type FieldValues = Record<string, string>;

/**
 * A valid-looking value for a schema: enums take their first value, `*_id` fields a real id when one is known,
 * patterns one of a few candidates that match. Only required properties are filled in: the smallest body.
 */
export function exampleOf(s: JsonSchema, name: string, known: FieldValues): unknown {
  if (s.anyOf || s.oneOf) {
    // Prefer a non-null branch: a null where a value is optional proves less.
    const b = branches(s).find((x) => x.type !== 'null') ?? branches(s)[0]!;
    return exampleOf(b, name, known);
  }
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = exampleOf(s.properties?.[k] ?? {}, k, known);
      return out;
    }
    case 'array':
      return s.minItems ? Array.from({ length: s.minItems }, () => exampleOf(s.items ?? {}, name, known)) : [];
    case 'integer':
    case 'number':
      return Math.min(Math.max(s.minimum ?? 1, 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string': {
      const candidates = [
        known[name],
        `fuzz-${name}`,
        'fuzz',
        'fuzzuser',
        '/name',
        '/dev/vdb',
        '10.77.0.0/24',
        '2026-01-01T00:00:00Z',
      ].filter((x): x is string => typeof x === 'string');
      const re = s.pattern ? new RegExp(s.pattern) : undefined;
      let v =
        candidates.find((c) => (!re || re.test(c)) && (s.maxLength === undefined || c.length <= s.maxLength)) ?? 'fuzz';
      if (s.minLength && v.length < s.minLength) v = v.padEnd(s.minLength, 'x');
      return v;
    }
    default:
      return 'fuzz';
  }
}

/** Whether a number lies outside what the schema allows (so the server must refuse it). */
export function numberRefused(s: JsonSchema, n: number): boolean {
  const t = typesOf(s);
  if (!t || !(t.has('number') || t.has('integer'))) return true;
  if (!Number.isFinite(n)) return true;
  if (!t.has('number') && !Number.isInteger(n)) return true;
  const ranges = branches(s).filter((b) => b.type === 'number' || b.type === 'integer' || b.const !== undefined);
  return !ranges.some((b) =>
    b.const !== undefined
      ? b.const === n
      : (b.minimum === undefined || n >= b.minimum) &&
        (b.maximum === undefined || n <= b.maximum) &&
        (b.type !== 'integer' || Number.isSafeInteger(n)),
  );
}
