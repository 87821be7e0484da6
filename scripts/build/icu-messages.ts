import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

const ID = 'virtual:icu-messages';
const RESOLVED = `\0${ID}`;
const I18N_DIR = resolve(import.meta.dirname, '../../kiosk-ui/src/i18n');

/** The messages the page formats as ICU (plural, select, number); the page's translate() uses the same test. */
const ICU_ARGUMENT = /\{\s*\w+\s*,\s*(plural|selectordinal|select|number)\s*,/;

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []));
}

/**
 * What kiosk-ui/src/i18n/icu-format.ts formats: text, argument, number (no
 * named style), select, plural, `#`. Dates, times and tags would need
 * intl-messageformat's general formatter back in the page.
 */
const PAGE_FORMATS = new Set([0, 1, 2, 5, 6, 7]);
function elementTypes(ast: MessageFormatElement[]): number[] {
  return ast.flatMap((el) => {
    if (el.type === 2 && typeof el.style === 'string') return [-1];
    const options = 'options' in el ? Object.values(el.options) : [];
    return [el.type as number, ...options.flatMap((o) => elementTypes(o.value))];
  });
}

/** Every ICU message of the locale files, parsed: message text → AST. */
function parsedMessages(dir = I18N_DIR): { asts: Record<string, MessageFormatElement[]>; files: string[] } {
  const files = jsonFiles(dir);
  const asts: Record<string, MessageFormatElement[]> = {};
  for (const file of files) {
    for (const text of Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)) {
      if (typeof text === 'string' && ICU_ARGUMENT.test(text)) {
        asts[text] = parse(text);
        const unsupported = elementTypes(asts[text]).find((t) => !PAGE_FORMATS.has(t));
        if (unsupported !== undefined) throw new Error(`${file}: "${text}" has an ICU element (type ${unsupported}) the page does not format (kiosk-ui/src/i18n/icu-format.ts)`);
      }
    }
  }
  return { asts, files };
}

/**
 * The locale files' ICU messages parsed at build time (`virtual:icu-messages`):
 * the message parser (about 14 KB gzip) never reaches the page's first script,
 * and the page formats the parsed messages itself (icu-format.ts). The parser's
 * no-parser alias stays for any import of it that reaches the page. A message missing from the table is a
 * build error the locale tests catch, not a parse in the page.
 */
export function icuMessages(): Plugin {
  return {
    name: 'kiosk-icu-messages',
    enforce: 'pre',
    config: () => ({ resolve: { alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }] } }),
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const { asts, files } = parsedMessages();
      for (const f of files) this.addWatchFile(f);
      return `export default ${JSON.stringify(asts)};`;
    },
  };
}
