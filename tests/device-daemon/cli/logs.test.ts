import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, writeTestConfig } from '../../helpers/daemon';
import { waitUntil } from '../../helpers/wait';

// kioskctl logs --follow on a log file written meanwhile (as the daemon's
// writer appends it), ended by a signal or by the log rotating the file.

const dir = mkdtempSync(join(tmpdir(), 'kiosk-cli-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const logDir = join(dir, 'log');
const logFile = join(logDir, 'daemon.log');
mkdirSync(logDir);
const config = writeTestConfig(dir, { logging: { dir: logDir } });
const line = (msg: string, extra: Record<string, unknown> = {}) => `${JSON.stringify({ level: 30, time: Date.parse('2026-11-30T10:00:00Z'), msg, ...extra })}\n`;

function follow(): { proc: ChildProcess; out: () => string; err: () => string; exit: Promise<number | null> } {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/kioskctl.js'), 'logs', '--follow', '-n', '1', '--config', config], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return { proc, out: () => out, err: () => err, exit: new Promise((r) => proc.once('exit', (code) => r(code))) };
}

describe('kioskctl logs --follow', () => {
  it('prints the last lines, then each new one (masked, a line written in two pieces once, whole), and ends at SIGTERM with exit 0', async () => {
    writeFileSync(logFile, line('older') + line('daemon started'));
    const f = follow();
    await waitUntil(() => f.out().includes('daemon started'), { timeoutMs: 20_000, what: 'the last line printed' });
    expect(f.out()).not.toContain('older');
    const late = line('card read by 410403199001011234, call back 13800138000');
    appendFileSync(logFile, late.slice(0, 20));
    appendFileSync(logFile, late.slice(20));
    await waitUntil(() => f.out().includes('card read by'), { what: 'the appended line' });
    expect(f.out()).not.toContain('410403199001011234');
    expect(f.out()).not.toContain('13800138000');
    expect(f.out().match(/card read by/g)).toHaveLength(1);
    f.proc.kill('SIGTERM');
    expect(await f.exit).toBe(0);
  }, 40_000);

  it('ends by itself (exit 0, saying so) when the log rotates the file away, after the lines the old file still held', async () => {
    writeFileSync(logFile, line('before rotation'));
    const f = follow();
    await waitUntil(() => f.out().includes('before rotation'), { timeoutMs: 20_000, what: 'the last line printed' });
    appendFileSync(logFile, line('last line of the old file'));
    renameSync(logFile, `${logFile}.1`);
    writeFileSync(logFile, line('first line of the new file'));
    expect(await f.exit).toBe(0);
    expect(f.out()).toContain('last line of the old file');
    expect(f.err()).toContain('was rotated');
  }, 40_000);
});
