import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { localeTables } from '../../../kiosk-ui/src/i18n';
import { ROOT } from '../../helpers/daemon';

describe('UI locale files', () => {
  const { 'zh-CN': zh, en } = localeTables();

  it('Chinese and English have exactly the same keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [k, v] of [...Object.entries(zh), ...Object.entries(en)]) expect(v.trim(), k).not.toBe('');
  });

  it('placeholders match between the two languages', () => {
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(zh)) expect(ph(en[k]!), k).toEqual(ph(zh[k]!));
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
      const code = readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      expect(code.match(/[\u4e00-\u9fff]+/g), f).toBeNull();
    }
  });

  it('every literal key the UI asks for exists (t(\'…\') in kiosk-ui/src)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(p)) files.push(p);
      }
    };
    walk(join(ROOT, 'kiosk-ui/src'));
    const missing: string[] = [];
    let seen = 0;
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) {
        seen++;
        if (!(m[1]! in zh)) missing.push(`${f}: ${m[1]}`);
      }
    }
    expect(seen).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('every part file has its twin in the other language', () => {
    const dir = join(ROOT, 'kiosk-ui/src/i18n/parts');
    const names = readdirSync(dir).filter((f) => f.endsWith('.json'));
    for (const f of names) {
      const twin = f.endsWith('.zh-CN.json') ? f.replace('.zh-CN.json', '.en.json') : f.replace(/\.en\.json$/, '.zh-CN.json');
      expect(f === twin ? `${f}: not <name>.zh-CN.json or <name>.en.json` : names.includes(twin), f).toBe(true);
    }
  });

  it('every voice prompt has its pre-rendered recording in both languages (scripts/render-voice-prompts.ts)', () => {
    const keys = Object.keys(zh).filter((k) => k.startsWith('voice.'));
    expect(keys.length).toBeGreaterThanOrEqual(6);
    for (const locale of ['zh-CN', 'en']) {
      for (const k of keys) expect(existsSync(join(ROOT, 'kiosk-ui/public/audio', locale, `${k}.wav`)), `${locale}/${k}`).toBe(true);
    }
  });
});
