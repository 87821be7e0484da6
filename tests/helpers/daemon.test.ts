import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { helperDataDirs, removeHelperDataDirs, spawnDaemon } from './daemon';

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
