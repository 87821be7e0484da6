// Catalog text still marked 待核 ("to be verified": a name, channel or rule the
// catalog's authors could not confirm). Such a text is never shown or printed
// to residents (a guessed name sends people to the wrong place); technicians
// see where each one is (catalog.diagnostics) to have it confirmed.

const MARK = '待核';

/** Whether a catalog text is still unconfirmed. */
export const isUnconfirmed = (text: string | undefined): boolean => text?.includes(MARK) === true;

/** The texts of a list that are confirmed. */
export const confirmedOnly = (texts: readonly string[]): string[] => texts.filter((t) => !isUnconfirmed(t));

// What residents never see anyway: where the data came from, notes for maintainers.
const NOT_SHOWN = new Set(['provenance', 'notes', 'sourceRefs']);

/** JSON paths (relative to the item, e.g. online.channels[0]) of every unconfirmed text a guide could show. */
export function unconfirmedPaths(item: unknown): string[] {
  const out: string[] = [];
  if (typeof item === 'string') {
    if (isUnconfirmed(item)) out.push('');
  } else if (item && typeof item === 'object') walk(item, [], out);
  return out;
}

// The walk visits every node of every item at each catalog load (~180 per item, 5,000 items in
// a large refresh) and texts marked 待核 are rare: the path is kept as segments and written out
// only for a match, and a key is looked at (shown? own?) only for a text with the mark or a
// node to descend into, not for each of the many plain texts.
function walk(v: object, at: Array<string | number>, out: string[]): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (worthVisiting(x)) visit(x, i, at, out);
    }
    return;
  }
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (worthVisiting(x) && !NOT_SHOWN.has(k) && Object.hasOwn(v, k)) visit(x, k, at, out);
  }
}

const worthVisiting = (x: unknown): x is string | object => (typeof x === 'string' ? isUnconfirmed(x) : typeof x === 'object' && x !== null);

/** A text with the mark (its path is written out) or a node to walk. */
function visit(x: string | object, key: string | number, at: Array<string | number>, out: string[]): void {
  at.push(key);
  if (typeof x === 'string') out.push(pathOf(at));
  else walk(x, at, out);
  at.pop();
}

const pathOf = (segments: ReadonlyArray<string | number>): string => segments.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
