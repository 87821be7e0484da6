import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDaemon } from '../../device-daemon/app';
import { writeTestConfig } from '../helpers/daemon';

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
