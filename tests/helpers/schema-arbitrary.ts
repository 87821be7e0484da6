import fc from 'fast-check';
import { z } from 'zod';

// fast-check arbitraries for values a zod schema accepts, by way of the
// schema's JSON Schema (z.toJSONSchema, input side): the published
// zod-to-fast-check bridges support neither zod 4 nor fast-check 4. Only the
// JSON Schema the contract's schemas produce is covered (object, array,
// string with length/pattern/format, integer/number bounds, enum, const,
// anyOf/oneOf); refinements JSON Schema cannot express are not, so callers
// check what they generate against the schema itself and count the misses.

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};

/** Generators for named properties, used instead of the schema's (a real catalog id, say, so handlers go past "not found"). */
export type PropertyHints = Record<string, fc.Arbitrary<unknown>>;

/** Longest string or array generated where the schema allows more: enough to cross limits, short enough to run fast. */
const CAP = 80;

export function arbitraryFor(schema: z.ZodType, hints: PropertyHints = {}): fc.Arbitrary<unknown> {
  return fromJson(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, hints);
}

function fromJson(s: JsonSchema, hints: PropertyHints): fc.Arbitrary<unknown> {
  if ('const' in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => fromJson(a, hints)));
  if (s.allOf?.length) return fromJson(s.allOf[0]!, hints);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => fromJson({ ...s, type }, hints)));
  switch (s.type) {
    case 'string':
      return stringFor(s);
    case 'integer':
      return fc.integer({ min: s.minimum ?? (s.exclusiveMinimum ?? -1_000_001) + 1, max: s.maximum ?? (s.exclusiveMaximum ?? 1_000_001) - 1 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return s.prefixItems
        ? fc.tuple(...s.prefixItems.map((p) => fromJson(p, hints)))
        : fc.array(s.items ? fromJson(s.items, hints) : fc.anything(), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 5, Math.max(5, s.minItems ?? 0)) });
    case 'object':
      return objectFor(s, hints);
    default:
      return fc.anything();
  }
}

function stringFor(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? CAP, Math.max(CAP, min));
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'date-time') return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'date') return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= min && v.length <= (s.maxLength ?? Number.POSITIVE_INFINITY));
  return fc.string({ unit: 'grapheme', minLength: min, maxLength: max });
}

function objectFor(s: JsonSchema, hints: PropertyHints): fc.Arbitrary<unknown> {
  const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, p]) => [k, hints[k] ?? fromJson(p, hints)]));
  const known = fc.record(props, { requiredKeys: s.required ?? [] });
  if (typeof s.additionalProperties !== 'object') return known;
  const keys = s.propertyNames ? stringFor(s.propertyNames) : fc.string({ maxLength: 20 });
  const extra = fc.dictionary(keys, fromJson(s.additionalProperties, hints), { maxKeys: 5 });
  return fc.tuple(known, extra).map(([a, b]) => ({ ...b, ...a }));
}
