import { z } from 'zod';
import { CatalogItem } from '../../contract/catalog/catalog-schema';

// A platform refresh parses thousands of items. zod's runtime parser walks the
// schema for every value (and allocates a result per node): ~100 µs per item,
// most of a 5,000-item refresh. z.compile turns the schema into one generated
// function that answers "valid, here is the parsed item" or "not valid"; an
// item it does not accept is parsed again by the runtime parser, whose issues
// are the problems reported. So what is accepted, the parsed item and the
// problems are the runtime parser's, only faster for the items that are valid.
//
// z.compile refuses a schema with a reference cycle (eligibility conditions
// nest through z.lazy). The copy compiled here has each z.lazy replaced by
// the schema it stands for, UNROLLED levels deep (conditions of the shipped
// catalog nest one level); below that, a value is parsed by the runtime
// parser of that z.lazy: the same acceptance and the same output.

type AnySchema = z.core.$ZodType & { clone: (def: object) => AnySchema };
type Def = { type: string; checks?: unknown[] } & Record<string, unknown>;

const UNROLLED = 2;

/** `schema` with every z.lazy replaced by a non-recursive equivalent, so z.compile takes it. */
function withoutCycles(schema: AnySchema, depth = new Map<AnySchema, number>()): AnySchema {
  const def = schema._zod.def as unknown as Def;
  const again = (s: AnySchema) => withoutCycles(s, depth);
  switch (def.type) {
    case 'lazy': {
      const level = depth.get(schema) ?? 0;
      if (level < UNROLLED && !def.checks?.length) {
        depth.set(schema, level + 1);
        const target = again((def.getter as () => AnySchema)());
        depth.set(schema, level);
        return target;
      }
      return z.unknown().transform((value, ctx) => {
        const r = (schema as unknown as z.ZodType).safeParse(value);
        if (r.success) return r.data;
        ctx.addIssue({ code: 'custom', message: 'not valid (the runtime parser says why)' });
        return z.NEVER;
      }) as unknown as AnySchema;
    }
    case 'object': {
      const shape = def.shape as Record<string, AnySchema>;
      const next = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, again(v)]));
      return Object.keys(shape).some((k) => next[k] !== shape[k]) ? schema.clone({ ...def, shape: next }) : schema;
    }
    case 'array': {
      const element = again(def.element as AnySchema);
      return element === def.element ? schema : schema.clone({ ...def, element });
    }
    case 'union': {
      const options = (def.options as AnySchema[]).map(again);
      return options.some((o, i) => o !== (def.options as AnySchema[])[i]) ? schema.clone({ ...def, options }) : schema;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault': {
      const inner = again(def.innerType as AnySchema);
      return inner === def.innerType ? schema : schema.clone({ ...def, innerType: inner });
    }
    default:
      return schema;
  }
}

let compiled: z.ZodType<CatalogItem> | null | undefined;

/**
 * The compiled item parser, made at first use (~100 ms of CPU: worth it for a
 * refresh of thousands of items, not for the 50 items read at boot). Should
 * z.compile ever refuse the schema (a form it does not compile), the runtime
 * parser does all the work: a refresh never fails for the sake of speed
 * (tests/device-daemon/catalog/item-parser.test.ts compiles today's schema).
 */
function compiledItem(): z.ZodType<CatalogItem> | null {
  if (compiled === undefined) {
    try {
      compiled = z.compile(withoutCycles(CatalogItem as unknown as AnySchema) as unknown as typeof CatalogItem, { strict: true });
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Whether z.compile took the schema (the refresh then uses it). */
export const compiledParserAvailable = (): boolean => compiledItem() !== null;

export type ItemParse = { success: true; data: CatalogItem } | { success: false; issues: readonly z.core.$ZodIssue[] };

/** One item: the compiled parser when `fast`, the runtime parser for what it refuses (and when not `fast`). */
export function parseItem(raw: unknown, fast: boolean): ItemParse {
  const fastParser = fast ? compiledItem() : null;
  if (fastParser) {
    const r = fastParser.safeParse(raw);
    if (r.success) return { success: true, data: r.data };
  }
  const r = CatalogItem.safeParse(raw);
  return r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues };
}
