import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, helperDataDirs, removeHelperDataDirs, spawnDaemon, writeTestConfig } from './daemon';

// The test harness must not leak a temp dir per daemon (tests/helpers/daemon.ts).
describe('spawnDaemon data dirs', () => {
  it('keeps a made dir across stop (restart on it works), removes it with the file clean-up', async () => {
    const first = await spawnDaemon();
    expect(helperDataDirs()).toContain(first.dataDir);
    expect(await first.stop()).toBe(0);
    expect(existsSync(first.configPath)).toBe(true);
    // the restart pattern of the e2e and store tests
    const second = await spawnDaemon({ dataDir: first.dataDir, configPath: first.configPath });
    expect(await second.stop()).toBe(0);
    removeHelperDataDirs(); // what the helper's afterAll runs when this file ends
    expect(existsSync(first.dataDir)).toBe(false);
    expect(helperDataDirs()).toEqual([]);
  });

  it('a daemon that never comes up leaves neither a process nor its dir', async () => {
    const before = helperDataDirs();
    const e = await spawnDaemon({ config: { terminalId: 7 } }).then(
      () => undefined,
      (err: Error) => err,
    );
    expect(e?.message).toMatch(/exited with \d+ before listening/);
    expect(helperDataDirs()).toEqual(before);
    // the daemon names its config file (inside the made dir) in its refusal
    const dir = /(\S*kiosk-test-[^/\s]+)\/kiosk\.config\.json/.exec(e!.message)?.[1];
    expect(dir).toBeDefined();
    expect(existsSync(dir!)).toBe(false);
  });
});

// kioskctl talks to the daemon of its config's port when one answers: a test's config must not name a port a
// kiosk left running on the machine answers on (the shipped one), or a "no daemon" command would go through it.
it('the configs tests write name a loopback port nothing listens on, not the shipped one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-port-'));
  try {
    const port = (JSON.parse(readFileSync(writeTestConfig(dir), 'utf8')) as { server: { port: number } }).server.port;
    const shipped = (JSON.parse(readFileSync(join(ROOT, 'kiosk.config.json'), 'utf8')) as { server: { port: number } }).server.port;
    expect(port).not.toBe(shipped);
    const refused = await new Promise<string>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve('connected');
      });
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
