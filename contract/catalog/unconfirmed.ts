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
  // The path is kept as segments and written out only for a match: the walk visits every
  // node of every item at each catalog load, and texts marked 待核 are rare.
  const at: Array<string | number> = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (isUnconfirmed(v)) out.push(pathOf(at));
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        at.push(i);
        walk(v[i]);
        at.pop();
      }
    } else if (v && typeof v === 'object') {
      for (const k in v) {
        if (NOT_SHOWN.has(k) || !Object.hasOwn(v, k)) continue;
        at.push(k);
        walk((v as Record<string, unknown>)[k]);
        at.pop();
      }
    }
  };
  walk(item);
  return out;
}

const pathOf = (segments: ReadonlyArray<string | number>): string => segments.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
