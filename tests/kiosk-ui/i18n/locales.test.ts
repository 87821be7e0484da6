import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { addJourneyStrings, addMaintenanceStrings, loadEnglish, localeTables, translate } from '../../../kiosk-ui/src/i18n';
import { journeyEn, journeyZh } from '../../../kiosk-ui/src/i18n/parts/journeys';
import { maintenanceEn, maintenanceZh } from '../../../kiosk-ui/src/i18n/parts/maintenance';
import { enParts, zhParts } from '../../../kiosk-ui/src/i18n/parts';
import { ROOT } from '../../helpers/daemon';
import { AUDIO_DIR, MANIFEST, spokenKeys, textHash } from '../../../scripts/voice/recordings';

// The English strings of the first screens load after the page's first paint (i18n loadEnglish), as the page does.
await loadEnglish();

// The journeys' and maintenance mode's strings as their screens add them when they load.
addJourneyStrings({ zh: journeyZh, en: journeyEn });
addMaintenanceStrings({ zh: maintenanceZh, en: maintenanceEn });

// What the compiler proves (tsc, in `npm test`): every `t('…')` names a key of
// the Chinese files (MessageKey), keys built from data go through typed
// helpers, and both languages have exactly the same keys (`sameKeys` in
// kiosk-ui/src/i18n/index.ts fails to compile naming any key one file lacks).
// What it cannot prove is checked here.
describe('UI locale files', () => {
  const { 'zh-CN': zh, en } = localeTables();

  it('no text is empty', () => {
    for (const [k, v] of [...Object.entries(zh), ...Object.entries(en)]) expect(v.trim(), k).not.toBe('');
  });

  it('placeholders match between the two languages', () => {
    // Argument names, plain (`{name}`) or ICU (`{count, plural, …}`): the languages word them differently, with the same arguments.
    const ph = (s: string) => [...new Set([...s.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();
    for (const k of Object.keys(zh)) expect(ph(en[k]!), k).toEqual(ph(zh[k]!));
  });

  it('a key that does not exist is a type error (an unused @ts-expect-error fails the typecheck)', () => {
    // @ts-expect-error: not a key of the locale files
    expect(translate('zh-CN', 'home.noSuchKey')).toBe('home.noSuchKey');
  });

  it('no screen or component has Chinese text inline (strings live in locale files)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.tsx')) files.push(p);
      }
    };
    walk(join(ROOT, 'kiosk-ui/src'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const code = readFileSync(f, 'utf8')
        .replace(/\/\/.*$/gm, '')
        .replace(/\/\*[\s\S]*?\*\//g, '');
      expect(code.match(/[\u4e00-\u9fff]+/g), f).toBeNull();
    }
  });

  it('every part file is listed in parts/index.ts with its twin in the other language (an unlisted file would be silently unused)', () => {
    const dir = join(ROOT, 'kiosk-ui/src/i18n/parts');
    const names = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(names.length).toBe(zhParts.length + enParts.length);
    for (const f of names) {
      const listed = f.endsWith('.zh-CN.json') ? zhParts : f.endsWith('.en.json') ? enParts : undefined;
      expect(listed, `${f}: not <name>.zh-CN.json or <name>.en.json`).toBeDefined();
      expect(listed, f).toContainEqual(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    }
  });

  it('every spoken string (screen prompts, guided hints) has a recording of its current text in both languages (scripts/render-voice-prompts.ts)', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
    const tables = localeTables();
    for (const locale of ['zh-CN', 'en'] as const) {
      const keys = spokenKeys(tables[locale]);
      expect(keys).toContain('voice.takeCard');
      expect(keys.filter((k) => k.startsWith('guided.')).length).toBeGreaterThanOrEqual(10);
      for (const k of keys) {
        expect(existsSync(join(AUDIO_DIR, locale, `${k}.wav`)), `${locale}/${k}`).toBe(true);
        expect(manifest[`${locale}/${k}`], `${locale}/${k}: recorded from another text; run scripts/render-voice-prompts.ts`).toBe(textHash(String((tables[locale] as Record<string, string>)[k])));
      }
    }
  });
});
