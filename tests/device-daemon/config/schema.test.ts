import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseConfig } from '../../../device-daemon/config/load';

import { hashPin, verifyPin } from '../../../device-daemon/config/pin-hash';
import { ROOT } from '../../helpers/daemon';

const shipped = readFileSync(join(ROOT, 'kiosk.config.json'), 'utf8');

function problems(mutate: (c: any) => void): string[] {
  const c = JSON.parse(shipped);
  mutate(c);
  try {
    parseConfig(JSON.stringify(c));
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  return [];
}

describe('kiosk.config.json schema', () => {
  it('accepts the shipped config and fills defaults', () => {
    const c = parseConfig(shipped);
    expect(c.terminalId).toBe('WD0001');
    expect(c.devices.printer.driver).toBe('simulated');
    expect(c.server).toEqual({
      host: '127.0.0.1',
      port: 8080,
      limits: { commandsPerSecond: 10, commandBurst: 40, maxInFlight: 16, maxBufferedBytes: 8_388_608, caseLookupsPerSecond: 2, caseLookupBurst: 6 },
    });
    expect(c.session.warningSeconds).toBeGreaterThanOrEqual(20);
  });

  it('reports an API limit out of range with its JSON path', () => {
    expect(problems((c) => (c.server = { limits: { commandsPerSecond: 0 } })).join('\n')).toMatch(/^server\.limits\.commandsPerSecond: /m);
  });

  it('reports a bad baud with its JSON path and the allowed values', () => {
    expect(problems((c) => (c.devices.printer = { driver: 'serial', path: '/dev/ttyUSB0', baud: 12345 }))).toContain('devices.printer.baud: expected one of 9600, 19200, 38400, 57600, 115200');
  });

  it('reports every problem at once, not only the first', () => {
    const p = problems((c) => {
      delete c.terminalId;
      c.site.kind = 'cafe';
      c.session.warningSeconds = 5;
      c.devices.idCardReader = { driver: 'network', host: 'x' };
      c.server.host = '0.0.0.0';
      c.surprise = true;
    });
    expect(p).toEqual(
      expect.arrayContaining([
        'terminalId: required (string)',
        'site.kind: expected one of streetCenter, villageStation, bank, postOffice, telecom, mall',
        expect.stringMatching(/^session\.warningSeconds: /),
        expect.stringMatching(/^devices\.idCardReader\.driver: /),
        'server.host: expected one of 127.0.0.1, ::1',
        '(root): unknown key surprise',
      ]),
    );
    expect(p.length).toBeGreaterThanOrEqual(6);
  });

  it('platform.baseUrl: https://, or http:// only to a loopback host', () => {
    const http = (baseUrl: string) => problems((c) => (c.platform = { mode: 'http', baseUrl }));
    const refusal = 'platform.baseUrl: must start with https:// (submissions carry personal data); plain http:// is only accepted for a loopback host (127.0.0.1, ::1, localhost)';
    for (const bad of ['http://platform.example.gov.cn/api', 'http://10.0.0.5:8080/', 'http://127.0.0.1.example.com/', 'http://localhost.evil.example/']) expect(http(bad), bad).toEqual([refusal]);
    for (const ok of ['https://platform.example.gov.cn/api', 'https://10.0.0.5:8443/', 'http://127.0.0.1:9000/', 'http://[::1]:9000/', 'http://localhost:9000/', 'http://LOCALHOST/'])
      expect(http(ok), ok).toEqual([]);
    expect(http('ftp://platform.example.gov.cn/')).toHaveLength(1);
    expect(http('ftp://platform.example.gov.cn/')[0]).toMatch(/^platform\.baseUrl: /);
  });

  it('refuses a misspelt key in devices.printer and in its profile instead of dropping it', () => {
    // The printer's link and its profile were joined by an intersection, which took any extra key and dropped it:
    // a technician's "nativeQR" or a speed meant for the simulator on a real printer went unnoticed.
    expect(problems((c) => (c.devices.printer = { driver: 'serial', path: '/dev/ttyUSB0', baudrate: 9600 }))).toEqual([expect.stringMatching(/^devices\.printer: .*baudrate/)]);
    expect(problems((c) => (c.devices.printer = { driver: 'network', host: '10.0.0.5', profile: { nativeQR: false } }))).toEqual([expect.stringMatching(/^devices\.printer\.profile: .*nativeQR/)]);
    expect(problems((c) => (c.devices.printer = { driver: 'usb', path: '/dev/usb/lp0', printSpeedMmPerSec: 300 }))).toEqual([expect.stringMatching(/^devices\.printer: .*printSpeedMmPerSec/)]);
    expect(problems((c) => (c.devices.printer = { driver: 'usb', path: '/dev/usb/lp0', profile: { paperWidthDots: 384 } }))).toEqual([]);
  });

  it('refuses a plain PIN and a serial device with neither path nor USB ids', () => {
    expect(problems((c) => (c.technician.pinHash = '123456'))[0]).toMatch(/^technician\.pinHash: expected an scrypt hash/);
    expect(problems((c) => (c.devices.idCardReader = { driver: 'serial' }))).toContain('devices.idCardReader: a serial device needs either path or vendorId and productId');
  });

  it('reports broken JSON as one clear problem', () => {
    expect(() => parseConfig('{ "terminalId": ')).toThrow(/not valid JSON/);
  });
});

describe('technician PIN hash', () => {
  it('verifies the right PIN only, and never stores it', () => {
    const h = hashPin('13572468');
    expect(h).not.toContain('13572468');
    expect(verifyPin('13572468', h)).toBe(true);
    expect(verifyPin('13572469', h)).toBe(false);
    expect(() => hashPin('12')).toThrow();
  });

  it('link templates printed into QR codes: https only, http only to loopback; javascript:, data: and network http: refused', () => {
    const links = (l: Record<string, string>) => problems((c) => (c.links = { ...c.links, ...l }));
    expect(links({ progressUrlTemplate: 'https://zwfw.example.gov.cn/p?case={caseNo}' })).toEqual([]);
    expect(links({ progressUrlTemplate: 'http://127.0.0.1:8080/p?case={caseNo}', guideUrlTemplate: 'http://localhost/g/{itemCode}' })).toEqual([]);
    for (const [key, bad] of [
      ['progressUrlTemplate', 'javascript:alert(1)//{caseNo}'],
      ['evaluationUrlTemplate', 'http://zwfw.example.gov.cn/hcp?case={caseNo}'],
      ['guideUrlTemplate', 'data:text/html,{itemCode}'],
      ['progressUrlTemplate', 'http://192.0.2.7/p?case={caseNo}'],
    ] as const) {
      expect(links({ [key]: bad }), bad).toEqual([expect.stringMatching(new RegExp(`^links\\.${key}: link templates are printed into QR codes and must be https: URLs`))]);
    }
    expect(links({ progressUrlTemplate: 'zwfw {caseNo}' })).toEqual(['links.progressUrlTemplate: not a URL: a link template must be an https: URL']);
  });
});
