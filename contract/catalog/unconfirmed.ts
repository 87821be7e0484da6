// Catalog text still marked 待核 ("to be verified": a name, channel or rule the
// catalog's authors could not confirm). Such a text is never shown or printed
// to residents (a guessed name sends people to the wrong place); technicians
// see where each one is (catalog.diagnostics) to have it confirmed.

const MARK = /待核/u;

/** Whether a catalog text is still unconfirmed. */
export const isUnconfirmed = (text: string | undefined): boolean => text !== undefined && MARK.test(text);

/** The texts of a list that are confirmed. */
export const confirmedOnly = (texts: readonly string[]): string[] => texts.filter((t) => !isUnconfirmed(t));

// What residents never see anyway: where the data came from, notes for maintainers.
const NOT_SHOWN = new Set(['provenance', 'notes', 'sourceRefs']);

/** JSON paths (relative to the item, e.g. online.channels[0]) of every unconfirmed text a guide could show. */
export function unconfirmedPaths(item: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'string') {
      if (isUnconfirmed(v)) out.push(path);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => {
        walk(x, `${path}[${i}]`);
      });
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) if (!NOT_SHOWN.has(k)) walk(x, path ? `${path}.${k}` : k);
    }
  };
  walk(item, '');
  return out;
}
