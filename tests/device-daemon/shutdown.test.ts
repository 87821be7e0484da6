import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDaemon } from '../../device-daemon/app';
import { spawnDaemon, writeTestConfig } from '../helpers/daemon';
import { waitUntil } from '../helpers/wait';

// app.ts stop(): one part that fails to stop must not keep the others (the store above all) from closing.
describe('daemon stop', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('devices failing to stop: the store and the listener are closed all the same, and the failure is logged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-stop-'));
    dirs.push(dir);
    const daemon = await startDaemon({ configPath: writeTestConfig(dir), port: 0, dataDir: dir, quiet: true });
    // While the store is open its write-ahead log exists; SQLite removes it when the last connection closes cleanly.
    const wal = join(dir, 'kiosk.db-wal');
    expect(existsSync(wal)).toBe(true);
    const realStop = daemon.registry.stopAll.bind(daemon.registry);
    daemon.registry.stopAll = async () => {
      await realStop();
      throw new Error('a driver refused to close');
    };
    await daemon.stop();
    // the store was closed after the failure …
    expect(existsSync(wal)).toBe(false);
    // … the port is free …
    await expect(fetch(`http://127.0.0.1:${daemon.port}/health`)).rejects.toThrow();
    // … and the failure is on record.
    const log = readFileSync(join(dir, 'log', 'daemon.log'), 'utf8');
    expect(log).toMatch(/"what":"devices".*a driver refused to close|a driver refused to close.*"what":"devices"/);
    expect(log).toContain('"msg":"stopped"');
  });
});

// main.ts: a supervisor that repeats SIGTERM (or Ctrl-C pressed twice) must not
// cut the graceful shutdown short: the second signal used to meet Node's
// default action and kill the process before the store was closed.
describe('signals', () => {
  it('two SIGTERMs in quick succession: the shutdown runs to its end, exit 0, the store closed cleanly', async () => {
    const d = await spawnDaemon();
    const wal = join(d.dataDir, 'kiosk.db-wal');
    expect(existsSync(wal)).toBe(true);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => d.proc.once('exit', (code, signal) => r({ code, signal })));
    d.proc.kill('SIGTERM');
    // The first signal has been taken (its handler wrote this); the second comes while the shutdown runs.
    await waitUntil(() => d.stderr().includes('SIGTERM: closing devices and storage'), { what: 'the first SIGTERM taken' });
    d.proc.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(existsSync(wal)).toBe(false);
    expect(readFileSync(join(d.dataDir, 'log', 'daemon.log'), 'utf8')).toContain('"msg":"stopped"');
  });
});
