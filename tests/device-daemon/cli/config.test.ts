import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kioskctlWithInput as kioskctl } from '../../helpers/kioskctl';
import { loadConfig } from '../../../device-daemon/config/load';
import { verifyPin } from '../../../device-daemon/config/pin-hash';
import { ROOT, writeTestConfig } from '../../helpers/daemon';
import { waitUntil } from '../../helpers/wait';

// kioskctl config hash-pin / pin set: the PIN is asked for twice and never
// echoed, never taken from the command line.
const KIOSKCTL = join(ROOT, 'bin/kioskctl.js');
const PIN = '24681357';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('kioskctl config hash-pin', () => {
  it('refuses a PIN given as an argument, and prints nothing to copy', async () => {
    const r = await kioskctl(['config', 'hash-pin', PIN], '');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('never given as an argument');
  });

  it('reads the PIN twice from stdin and prints its scrypt hash only', async () => {
    const r = await kioskctl(['config', 'hash-pin'], `${PIN}\n${PIN}\n`);
    expect(r.code, r.stderr).toBe(0);
    const hash = r.stdout.trim();
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(verifyPin(PIN, hash)).toBe(true);
    expect(r.stdout).not.toContain(PIN);
    expect(r.stderr).not.toContain(PIN);
  });

  it('refuses two different PINs, a short one and the shipped demo PIN', async () => {
    for (const [input, why] of [
      [`${PIN}\n24681358\n`, 'differ'],
      ['1234\n1234\n', '6 to 12 digits'],
      ['24682468\n24682468\n', 'demo PIN'],
      ['', 'no PIN'],
    ] as const) {
      const r = await kioskctl(['config', 'hash-pin'], input);
      expect(r.code, why).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(why);
    }
  });

  it('on a terminal (a pty): asks twice and the PIN typed never shows', async () => {
    const p = spawn('script', ['-qfec', `${process.execPath} ${KIOSKCTL} config hash-pin`, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => p.once('exit', r));
    try {
      // Type only once the question is up: before that the pty is in its normal mode and would echo.
      await waitUntil(() => out.includes('New technician PIN'), { what: 'the first question', timeoutMs: 15_000 });
      p.stdin.write(`${PIN}\r`);
      await waitUntil(() => out.includes('Type it again'), { what: 'the second question' });
      p.stdin.write(`${PIN}\r`);
      expect(await exited).toBe(0);
    } finally {
      p.kill();
    }
    expect(out).not.toContain(PIN);
    const hash = /scrypt\$\S+/.exec(out)?.[0];
    expect(hash && verifyPin(PIN, hash)).toBe(true);
  });
});

describe('kioskctl config pin set (and pin set)', () => {
  it('writes the hash of the PIN typed twice into the config, keeping the rest and the file’s permissions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-pinset-'));
    dirs.push(dir);
    const file = writeTestConfig(dir, { technician: { pinHash: 'scrypt$16384$8$1$AAAA$BBBB', demoMode: true } });
    const before = loadConfig(file);
    const mode = statSync(file).mode & 0o777;
    const r = await kioskctl(['config', 'pin', 'set', '--config', file], `${PIN}\n${PIN}\n`);
    expect(r.code, r.stderr).toBe(0);
    const after = loadConfig(file);
    expect(verifyPin(PIN, after.technician.pinHash)).toBe(true);
    expect(after.technician.demoMode).toBe(true);
    expect({ ...after, technician: before.technician }).toEqual(before);
    expect(statSync(file).mode & 0o777).toBe(mode);
    expect(readFileSync(file, 'utf8')).not.toContain(PIN);
    // A refused PIN changes nothing.
    const text = readFileSync(file, 'utf8');
    // The same command at the top level (`kioskctl pin set`).
    expect((await kioskctl(['pin', 'set', '--config', file], `${PIN}\n99999999\n`)).code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
