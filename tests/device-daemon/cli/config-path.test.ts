import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRawConfig } from '../../../device-daemon/config/save-config';
import { spawnDaemon, writeTestConfig, type SpawnedDaemon } from '../../helpers/daemon';
import { kioskctl } from '../../helpers/kioskctl';

// kioskctl config get / set: one setting by its JSON path, checked by the schema and saved through
// saveConfig; the answer says whether a running daemon still uses the old file.
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
    expect(set.stdout).toContain('no daemon is running');
    expect((readRawConfig(file).session as Record<string, unknown>).idleTimeoutSeconds).toBe(120);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(before);

    const bad = await kioskctl('config', 'set', 'session.idleTimeoutSeconds', '5', '--config', file, '--json');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toEqual({ saved: false, problems: [expect.stringMatching(/^session\.idleTimeoutSeconds: /)] });
    expect((readRawConfig(file).session as Record<string, unknown>).idleTimeoutSeconds).toBe(120);

    const got = await kioskctl('config', 'get', 'session.idleTimeoutSeconds', '--config', file);
    expect([got.code, got.stdout]).toEqual([0, '120\n']);
    const whole = await kioskctl('config', 'get', '--config', file);
    expect(whole.stdout).not.toContain('scrypt$');
    const pin = await kioskctl('config', 'set', 'technician.pinHash', 'x', '--config', file);
    expect(pin.code).toBe(2);
    expect(pin.stderr).toContain('kioskctl pin set');
  });

  it('with the daemon running: saved in the file, and told that the daemon needs a restart to use it', async () => {
    const d = await spawnDaemon();
    daemons.push(d);
    const r = await kioskctl('config', 'set', 'site.name', '测试便民服务中心', '--config', d.configPath, '--port', String(d.port), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ saved: true, daemon: 'running' });
    expect((readRawConfig(d.configPath).site as Record<string, unknown>).name).toBe('测试便民服务中心');
  });
});
