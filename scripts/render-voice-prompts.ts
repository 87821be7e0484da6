import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../kiosk-ui/src/i18n';
import { ROOT_DIR } from '../device-daemon/version';
import { AUDIO_DIR, MANIFEST, spokenKeys, textHash } from './voice/recordings';

// Pre-renders every spoken string (screen prompts `voice.*`, guided-mode hints
// `guided.*`) to small WAV files in kiosk-ui/public/audio/<locale>/<key>.wav,
// for terminals whose browser has no speech voice (Debian's Chromium has none).
// Needs espeak-ng and sox (apt-get install espeak-ng sox); run it after changing
// such a string: it renders what is new or changed (by the text's hash in
// manifest.json), `--all` everything, and removes recordings no key needs.
// 8 kHz µ-law keeps each prompt small (about 8 KB a second).
const VOICES: Record<Locale, string> = { 'zh-CN': 'cmn', en: 'en-gb' };
// The UI merges its locale files with Vite's import.meta.glob, which plain Node lacks: read them the same way here.
const i18n = join(ROOT_DIR, 'kiosk-ui/src/i18n');
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, string>;
function localeTables(): Record<Locale, Record<string, string>> {
  const parts = readdirSync(join(i18n, 'parts')).filter((f) => f.endsWith('.json'));
  const table = (locale: Locale) => Object.assign({}, read(join(i18n, `${locale}.json`)), ...parts.filter((f) => f.endsWith(`.${locale}.json`)).map((f) => read(join(i18n, 'parts', f))));
  return { 'zh-CN': table('zh-CN'), en: table('en') };
}

const all = process.argv.includes('--all');
const before: Record<string, string> = existsSync(MANIFEST) && !all ? JSON.parse(readFileSync(MANIFEST, 'utf8')) : {};
const manifest: Record<string, string> = {};
let rendered = 0;
for (const [locale, table] of Object.entries(localeTables()) as Array<[Locale, Record<string, string>]>) {
  const dir = join(AUDIO_DIR, locale);
  mkdirSync(dir, { recursive: true });
  const keys = spokenKeys(table);
  for (const key of keys) {
    const text = table[key]!;
    const id = `${locale}/${key}`;
    const wav = join(dir, `${key}.wav`);
    manifest[id] = textHash(text);
    if (before[id] === manifest[id] && existsSync(wav)) continue;
    const raw = join(dir, `${key}.raw.wav`);
    execFileSync('espeak-ng', ['-v', VOICES[locale], '-s', '140', '-w', raw, text]);
    execFileSync('sox', [raw, '-r', '8000', '-c', '1', '-e', 'u-law', wav]);
    rmSync(raw);
    rendered++;
  }
  const wanted = new Set(keys.map((k) => `${k}.wav`));
  for (const f of readdirSync(dir)) if (!wanted.has(f)) rmSync(join(dir, f));
}
writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
process.stdout.write(`${rendered} voice prompts rendered in ${AUDIO_DIR}\n`);
