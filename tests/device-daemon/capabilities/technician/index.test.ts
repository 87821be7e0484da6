import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../../../device-daemon/config/pin-hash';
import { ROOT, spawnDaemon, writeTestConfig, type SpawnedDaemon } from '../../../helpers/daemon';
import { waitUntil } from '../../../helpers/wait';

// The running daemon and the technician PIN: a loud start-up warning while the
// shipped demo PIN is configured, and the tries (shared with kioskctl through
// the state file beside the store) in /health, lockout included, across a
// restart of the daemon.
const run = promisify(execFile);
const daemons: SpawnedDaemon[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const d of daemons) await d.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const start = async (opts: Parameters<typeof spawnDaemon>[0] = {}) => {
  const d = await spawnDaemon(opts);
  daemons.push(d);
  return d;
};
const health = async (d: SpawnedDaemon) => ((await (await fetch(`${d.url}health`)).json()) as { technician: Record<string, any> }).technician;

// Two daemon starts and six kioskctl runs: generous on a loaded 2-core machine.
describe('technician PIN in the daemon', { timeout: 60_000 }, () => {
  it('the shipped config (demo PIN, no demo mark): a loud warning at start, /health says so', async () => {
    const d = await start();
    await waitUntil(() => d.stderr().includes('THE SHIPPED DEMO TECHNICIAN PIN IS CONFIGURED'), { what: 'the start-up warning' });
    expect(d.stderr()).toContain('opens no technician action');
    expect(await waitUntil(async () => (await health(d)).pin !== 'checking' && health(d))).toMatchObject({ pin: 'demo', demoMode: false, lockedUntil: null });
  });

  it('a terminal PIN: no warning; five wrong PINs through kioskctl lock technician actions, and the lockout is still there after the daemon restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-tech-daemon-'));
    dirs.push(dataDir);
    // kioskctl finds the state where the daemon keeps it: beside the store.
    const configPath = writeTestConfig(dataDir, { technician: { pinHash: hashPin('13572468') }, storage: { path: join(dataDir, 'kiosk.db') }, logging: { dir: join(dataDir, 'log') } });
    let d = await start({ dataDir, configPath });
    await waitUntil(async () => (await health(d)).pin === 'set', { what: 'the PIN check' });
    expect(d.stderr()).not.toContain('DEMO TECHNICIAN PIN');
    for (let i = 0; i < 5; i++) {
      const p = run(process.execPath, [join(ROOT, 'bin/kioskctl.js'), 'card', 'read', '--reveal', '--config', configPath], { cwd: ROOT, timeout: 30_000 });
      p.child.stdin!.end('00000000\n');
      await p.catch(() => undefined);
    }
    const locked = await health(d);
    expect(locked).toMatchObject({ failures: 0, lockouts: 1, lockedUntil: expect.any(String), totals: { tries: 5, wrong: 5 } });
    expect(Date.parse(locked.lockedUntil)).toBeGreaterThan(Date.now());

    await d.stop();
    d = await start({ dataDir, configPath });
    expect(await health(d)).toMatchObject({ lockouts: 1, lockedUntil: locked.lockedUntil, totals: { tries: 5, wrong: 5 } });
  });
});
