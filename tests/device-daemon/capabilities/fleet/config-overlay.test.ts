import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyOverlay } from '../../../../device-daemon/capabilities/fleet/config-overlay';
import { configHash } from '../../../../device-daemon/capabilities/fleet/client-attributes';
import { loadConfig } from '../../../../device-daemon/config/load';
import { KioskConfig } from '../../../../device-daemon/config/schema';
import { writeTestConfig } from '../../../helpers/daemon';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function terminal(patch: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-overlay-'));
  dirs.push(dir);
  const file = writeTestConfig(dir, patch);
  return { file, running: loadConfig(file) };
}

describe('applyOverlay', () => {
  it('saves allowed fields, copies the live ones into the running config and lists the ones that need a restart', () => {
    const { file, running } = terminal({ platform: { mode: 'http', baseUrl: 'https://platform.example.gov.cn/api' } });
    const hours = [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:30' }];
    const r = applyOverlay(file, running, { site: { hours }, session: { warningSeconds: 40 }, platform: { timeoutMs: 8000 } });
    expect(r).toEqual({ status: 'applied', changed: ['site.hours', 'session.warningSeconds', 'platform.timeoutMs'], restartNeeded: ['platform.timeoutMs'] });
    // The session's timers and the site are read on every use: live. The platform client is made once: at the next start.
    expect(running.site.hours).toEqual(hours);
    expect(running.session.warningSeconds).toBe(40);
    expect(running.platform).toMatchObject({ timeoutMs: 10000 });
    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    expect([onDisk.session.warningSeconds, onDisk.platform.timeoutMs]).toEqual([40, 8000]);
    // The same overlay again (it is re-sent at every connect) writes nothing.
    expect(applyOverlay(file, running, { session: { warningSeconds: 40 } })).toEqual({ status: 'unchanged' });
  });

  it('refuses fields outside the allow-list, and values the schema refuses, leaving the file as it was', () => {
    const { file, running } = terminal();
    const before = readFileSync(file, 'utf8');
    const outside = applyOverlay(file, running, { site: { name: 'ok' }, storage: { path: '/tmp/x' }, fleet: { url: 'mqtt://evil.example:1883' } });
    expect(outside).toMatchObject({ status: 'rejected', problems: [expect.stringMatching(/^storage: not a setting/), expect.stringMatching(/^fleet: not a setting/)] });
    const bad = applyOverlay(file, running, { links: { progressUrlTemplate: 'http://phish.example/{caseNo}' } });
    expect(bad).toMatchObject({ status: 'rejected', problems: [expect.stringMatching(/links\.progressUrlTemplate.*https/)] });
    expect(applyOverlay(file, running, 'site.name=x')).toMatchObject({ status: 'rejected' });
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('fleet config', () => {
  const base = () => loadConfig(terminal().file);
  const parse = (fleet: unknown) => KioskConfig.safeParse({ ...base(), fleet });
  it('needs mqtts:// except to a loopback broker, and credentials', () => {
    expect(parse({ url: 'mqtts://iot.example.gov.cn:8883', accessToken: 'abc' }).success).toBe(true);
    expect(parse({ url: 'mqtt://127.0.0.1:1883', accessToken: 'abc' }).success).toBe(true);
    const plain = parse({ url: 'mqtt://iot.example.gov.cn:1883', accessToken: 'abc' });
    expect(plain.success).toBe(false);
    expect(plain.error!.issues[0]!.message).toMatch(/mqtts:\/\//);
    expect(parse({ url: 'mqtts://iot.example.gov.cn:8883' }).success).toBe(false);
    expect(parse({ url: 'mqtts://iot.example.gov.cn:8883', clientCert: 'c.pem', clientKey: 'k.pem' }).success).toBe(true);
    // A password (brokers that check username + password) goes with the token, never alone.
    expect(parse({ url: 'mqtts://iot.example.gov.cn:8883', accessToken: 'abc', password: 'pw' }).success).toBe(true);
    expect(parse({ url: 'mqtts://iot.example.gov.cn:8883', clientCert: 'c.pem', clientKey: 'k.pem', password: 'pw' }).success).toBe(false);
  });

  it('hashes the config without its secrets', () => {
    const c = base();
    const withSecrets = {
      ...c,
      technician: { ...c.technician, pinHash: c.technician.pinHash.replace(/.$/, 'Q') },
      fleet: { url: 'mqtts://a', accessToken: 'one', telemetrySeconds: 60 },
    } as KioskConfig;
    const otherToken = { ...withSecrets, fleet: { ...withSecrets.fleet!, accessToken: 'two' } } as KioskConfig;
    expect(configHash(withSecrets)).toBe(configHash(otherToken));
    expect(configHash({ ...c, site: { ...c.site, name: 'other' } })).not.toBe(configHash(c));
  });
});
