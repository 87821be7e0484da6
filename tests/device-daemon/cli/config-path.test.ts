import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRawConfig } from '../../../device-daemon/config/save-config';
import { hashPin } from '../../../device-daemon/config/pin-hash';
import { call, spawnDaemon, writeTestConfig, type SpawnedDaemon } from '../../helpers/daemon';
import { kioskctl, kioskctlWithInput } from '../../helpers/kioskctl';

// kioskctl config get / set: one setting by its JSON path, checked by the schema and saved through
// saveConfig; with a daemon running it is asked (technician PIN) and applies what it can at once.
const PIN = '75318642';
const daemons: SpawnedDaemon[] = [];
afterAll(async () => {
  for (const d of daemons) await d.stop();
});
const scratch = () => writeTestConfig(mkdtempSync(join(tmpdir(), 'kiosk-cfgpath-')));

describe('kioskctl config get|set', { timeout: 60_000 }, () => {
  it('without a daemon: sets a value, keeps the .bak, says no daemon runs; refuses an invalid one naming the field', async () => {
    const file = scratch();
    const before = readFileSync(file, 'utf8');
    const set = await kioskctl('config', 'set', 'session.idleTimeoutSeconds', '120', '--config', file, '--port', '1');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('a daemon uses it when it starts');
    expect((readRawConfig(file).session as Record<string, unknown>).idleTimeoutSeconds).toBe(120);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(before);

    const bad = await kioskctl('config', 'set', 'session.idleTimeoutSeconds', '5', '--config', file, '--port', '1', '--json');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toEqual({ saved: false, problems: [expect.stringMatching(/^session\.idleTimeoutSeconds: /)] });
    expect((readRawConfig(file).session as Record<string, unknown>).idleTimeoutSeconds).toBe(120);

    const got = await kioskctl('config', 'get', 'session.idleTimeoutSeconds', '--config', file, '--port', '1');
    expect([got.code, got.stdout]).toEqual([0, '120\n']);
    const whole = await kioskctl('config', 'get', '--config', file, '--port', '1');
    expect(whole.stdout).not.toContain('scrypt$');
    const pin = await kioskctl('config', 'set', 'technician.pinHash', 'x', '--config', file, '--port', '1');
    expect(pin.code).toBe(2);
    expect(pin.stderr).toContain('kioskctl config pin set');
  });

  it('with the daemon running: asked through it (PIN), a live setting changes what it reports at once, a restart-only one says so, a refused one leaves the file; --file and pin set say the daemon keeps the old', async () => {
    const d = await spawnDaemon({ config: { technician: { pinHash: hashPin(PIN) } } });
    daemons.push(d);
    const ws = await d.connect();
    const status = async () => (await call(ws, 'system.status')).result;
    const set = (path: string, value: string) => kioskctlWithInput(['config', 'set', path, value, '--config', d.configPath, '--port', String(d.port), '--json'], `${PIN}\n`);
    expect((await status()).session.idleTimeoutSeconds).toBe(90);

    const live = await set('session.idleTimeoutSeconds', '120');
    expect(live.code, live.stderr).toBe(0);
    expect(JSON.parse(live.stdout)).toMatchObject({ saved: true, via: 'daemon', applied: true, restartNeeded: false });
    expect((await status()).session.idleTimeoutSeconds).toBe(120);
    expect((readRawConfig(d.configPath).session as Record<string, unknown>).idleTimeoutSeconds).toBe(120);

    const later = await set('elderModeDefault', 'true');
    expect(JSON.parse(later.stdout)).toMatchObject({ saved: true, via: 'daemon', applied: false, restartNeeded: true });
    expect(readRawConfig(d.configPath).elderModeDefault).toBe(true);
    expect((await status()).elderModeDefault).toBe(false);
    const got = await kioskctlWithInput(['config', 'get', 'elderModeDefault', '--config', d.configPath, '--port', String(d.port), '--json'], `${PIN}\n`);
    expect(JSON.parse(got.stdout)).toEqual({ via: 'daemon', value: false, file: true });

    const before = readFileSync(d.configPath, 'utf8');
    const bad = await set('session.idleTimeoutSeconds', '5');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toEqual({ saved: false, problems: [expect.stringMatching(/^session\.idleTimeoutSeconds: /)] });
    expect(readFileSync(d.configPath, 'utf8')).toBe(before);
    expect((await status()).session.idleTimeoutSeconds).toBe(120);

    // --file: the file only, no PIN; said that the running daemon keeps the old value, and it does.
    const name = (await status()).site.name;
    const fileOnly = await kioskctl('config', 'set', 'site.name', '文件里的名称', '--config', d.configPath, '--port', String(d.port), '--file', '--json');
    expect(JSON.parse(fileOnly.stdout)).toMatchObject({ saved: true, via: 'file', daemon: 'running', applied: false, restartNeeded: true });
    expect((readRawConfig(d.configPath).site as Record<string, unknown>).name).toBe('文件里的名称');
    expect((await status()).site.name).toBe(name);

    // A new PIN written while the daemon runs: said so, and true — the daemon still takes the old one.
    const pinSet = await kioskctlWithInput(['config', 'pin', 'set', '--config', d.configPath, '--port', String(d.port)], '24680135\n24680135\n');
    expect(pinSet.stdout).toContain('a daemon is running: it (the maintenance screen, and kioskctl commands it answers) takes the old PIN until it restarts');
    const old = await kioskctlWithInput(['config', 'get', 'session.idleTimeoutSeconds', '--config', d.configPath, '--port', String(d.port)], `${PIN}\n`);
    expect([old.code, old.stdout]).toEqual([0, '120\n']);
    ws.close();
  });
});
