import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRawConfig } from '../../../device-daemon/config/save-config';
import { hashPin } from '../../../device-daemon/config/pin-hash';
import { call, spawnDaemon, writeTestConfig, type SpawnedDaemon } from '../../helpers/daemon';
import { kioskctl, kioskctlWithInput } from '../../helpers/kioskctl';

// kioskctl devices list / bind on this machine's real ports (serialport's native lister, node-hid): what a
// test machine has differs, so the tests bind whatever the list shows and check what was written.
// Discovery against the mock binding and a fake HID list is tested in tests/device-daemon/devices/discovery.
const PIN = '86420975';
const daemons: SpawnedDaemon[] = [];
afterAll(async () => {
  for (const d of daemons) await d.stop();
});

describe('kioskctl devices list|bind', { timeout: 60_000 }, () => {
  it('lists the ports as JSON, each with an id that is never a /dev/ttyUSBn or hidraw path when the port has a USB identity', async () => {
    const r = await kioskctl('devices', 'list', '--json');
    expect(r.code).toBe(0);
    const { ports, problems } = JSON.parse(r.stdout) as { ports: Array<{ id: string; stable: boolean; vendorId?: string }>; problems: string[] };
    expect(Array.isArray(problems)).toBe(true);
    for (const p of ports) {
      expect(p.id).toMatch(/^(serial|hid):/);
      if (p.vendorId) expect(p.id).not.toMatch(/\/dev\//);
    }
  });

  it('refuses an unknown role (exit 2) and a port that is not attached (exit 5), writing nothing', async () => {
    const file = writeTestConfig(mkdtempSync(join(tmpdir(), 'kiosk-bind-')));
    const before = readFileSync(file, 'utf8');
    expect((await kioskctl('devices', 'bind', 'coffeeMaker', 'serial:/dev/ttyS0', '--config', file)).code).toBe(2);
    const missing = await kioskctl('devices', 'bind', 'printer', 'serial:ffff:ffff:NOPE', '--config', file);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain('no port serial:ffff:ffff:NOPE is attached');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('binds the first listed port: without a daemon it probes it; with one it goes through it (PIN) and says a restart is needed; --file beside it writes the file only', async () => {
    const { ports } = JSON.parse((await kioskctl('devices', 'list', '--json')).stdout) as { ports: Array<{ id: string; kind: string }> };
    const serial = ports.find((p) => p.kind === 'serial');
    if (!serial) return expect(ports.filter((p) => p.kind === 'serial')).toEqual([]); // a machine without serial ports: nothing to bind
    const file = writeTestConfig(mkdtempSync(join(tmpdir(), 'kiosk-bind-')));
    const alone = await kioskctl('devices', 'bind', 'printer', serial.id, '--config', file, '--port', '1', '--json');
    const out = JSON.parse(alone.stdout);
    expect(out.daemon).toBe('none');
    expect(out.probe).toMatchObject({ probed: true });
    // The machine's port is no printer (or cannot be opened): exit 3, bound but not answering.
    expect(alone.code).toBe(out.probe.answered ? 0 : 3);
    expect((readRawConfig(file).devices as Record<string, Record<string, unknown>>).printer).toMatchObject({ driver: 'serial', profile: { paperWidthDots: 576 } });

    // With a daemon: asked through it (PIN), saved and audited there; the binding is used after a restart, and said so.
    const d = await spawnDaemon({ config: { technician: { pinHash: hashPin(PIN) } } });
    daemons.push(d);
    const viaDaemon = (pin: string, ...more: string[]) =>
      kioskctlWithInput(['devices', 'bind', 'printer', serial.id, '--config', d.configPath, '--port', String(d.port), '--json', ...more], `${pin}\n`);
    const before = readFileSync(d.configPath, 'utf8');
    const wrong = await viaDaemon('11112222');
    expect([wrong.code, wrong.stdout]).toEqual([4, '']);
    expect(readFileSync(d.configPath, 'utf8')).toBe(before);
    const bound = await viaDaemon(PIN);
    const res = JSON.parse(bound.stdout);
    expect(res).toMatchObject({ via: 'daemon', daemon: 'running', applied: false, restartNeeded: true, section: { driver: 'serial', profile: { paperWidthDots: 576 } } });
    expect(bound.code).toBe(res.probe.probed && !res.probe.answered ? 3 : 0);
    expect(readRawConfig(d.configPath).devices).toMatchObject({ printer: { driver: 'serial' } });
    const ws = await d.connect();
    const printer = (await call(ws, 'system.status')).result.devices.find((s: { device: string }) => s.device === 'printer');
    expect(printer.driver).toBe('simulated'); // still the device it opened at start, as said
    ws.close();

    // --file beside the daemon: the file only, no PIN, no probe of a port the daemon may hold; says a restart is needed.
    const fileOnly = await kioskctl('devices', 'bind', 'idCardReader', serial.id, '--config', d.configPath, '--port', String(d.port), '--file', '--json');
    expect(fileOnly.code).toBe(0);
    expect(JSON.parse(fileOnly.stdout)).toMatchObject({ via: 'file', daemon: 'running', probe: null, restartNeeded: true, section: { driver: 'serial' } });
  });
});
