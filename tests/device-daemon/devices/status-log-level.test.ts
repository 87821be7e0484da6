import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../contract/api';
import { deviceStatusLogLevel } from '../../../device-daemon/devices/status-log-level';

const printer = (state: DeviceStatus['state'], detail: DeviceStatus['detail'] = {}, reason?: string): DeviceStatus => ({
  device: 'printer',
  driver: 'simulated',
  state,
  detail: { paper: 'full', cover: 'closed', queued: 0, ...detail },
  since: '2026-11-30T00:00:00Z',
  ...(reason ? { reason } : {}),
});

describe('device status log level', () => {
  it('the routine of a session is debug: busy and back, a job queued, a card in and out', () => {
    expect(deviceStatusLogLevel(printer('online'), printer('busy', { queued: 1 }))).toBe('debug');
    expect(deviceStatusLogLevel(printer('busy', { queued: 1 }), printer('online'))).toBe('debug');
    expect(deviceStatusLogLevel(printer('online', { media: 'notPresent' }), printer('online', { media: 'present' }))).toBe('debug');
  });

  it('what a technician learns from is info: the first status, offline and back, paper low, a new reason', () => {
    expect(deviceStatusLogLevel(undefined, printer('online'))).toBe('info');
    expect(deviceStatusLogLevel(printer('online'), printer('offline', {}, 'unplugged'))).toBe('info');
    expect(deviceStatusLogLevel(printer('offline', {}, 'unplugged'), printer('online'))).toBe('info');
    expect(deviceStatusLogLevel(printer('online'), printer('online', { paper: 'low' }))).toBe('info');
    expect(deviceStatusLogLevel(printer('busy'), printer('hardwareError', { cover: 'open' }, 'cover open'))).toBe('info');
    expect(deviceStatusLogLevel(printer('noDevice', {}, 'not found'), printer('noDevice', {}, 'permission denied'))).toBe('info');
  });
});
