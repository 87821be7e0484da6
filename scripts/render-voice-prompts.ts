import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../kiosk-ui/src/i18n';
import { ROOT_DIR } from '../device-daemon/version';

// Pre-renders every voice prompt (locale keys `voice.*`) to small WAV files
// in kiosk-ui/public/audio/<locale>/<key>.wav, for terminals whose browser has
// no speech voice (Debian's Chromium has none). Needs espeak-ng and sox
// (apt-get install espeak-ng sox); run it after changing a voice.* string.
// 8 kHz µ-law keeps each prompt near 25 KB.
const VOICES: Record<Locale, string> = { 'zh-CN': 'cmn', en: 'en-gb' };
const out = join(ROOT_DIR, 'kiosk-ui/public/audio');
// The UI merges its locale files with Vite's import.meta.glob, which plain Node lacks: read them the same way here.
const i18n = join(ROOT_DIR, 'kiosk-ui/src/i18n');
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, string>;
function localeTables(): Record<Locale, Record<string, string>> {
  const parts = readdirSync(join(i18n, 'parts')).filter((f) => f.endsWith('.json'));
  const table = (locale: Locale) => Object.assign({}, read(join(i18n, `${locale}.json`)), ...parts.filter((f) => f.endsWith(`.${locale}.json`)).map((f) => read(join(i18n, 'parts', f))));
  return { 'zh-CN': table('zh-CN'), en: table('en') };
}
rmSync(out, { recursive: true, force: true });
for (const [locale, table] of Object.entries(localeTables()) as Array<[Locale, Record<string, string>]>) {
  mkdirSync(join(out, locale), { recursive: true });
  for (const [key, text] of Object.entries(table)) {
    if (!key.startsWith('voice.')) continue;
    const raw = join(out, locale, `${key}.raw.wav`);
    const wav = join(out, locale, `${key}.wav`);
    execFileSync('espeak-ng', ['-v', VOICES[locale], '-s', '140', '-w', raw, text]);
    execFileSync('sox', [raw, '-r', '8000', '-c', '1', '-e', 'u-law', wav]);
    rmSync(raw);
  }
}
process.stdout.write(`voice prompts written to ${out}\n`);
