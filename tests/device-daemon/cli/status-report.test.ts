import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type Health, STATUS_EXIT, statusVerdict } from '../../../device-daemon/cli/status-report';
import { writeTestConfig } from '../../helpers/daemon';
import { kioskctl } from '../../helpers/kioskctl';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// kioskctl status answers a supervisor or a script by its exit code: the
// store first (the terminal cannot take applications), then a device or the
// log, then nothing wrong.

const healthy = (): Health => ({
  version: '1.0.0',
  uptimeSec: 5,
  status: 'ok',
  store: { state: 'ok', accepting: true },
  log: { state: 'ok', droppedLines: 0 },
  devices: [{ device: 'printer', state: 'online', driver: 'simulated', detail: {} }],
});

describe('kioskctl status: the verdict and its exit code', () => {
  it('0 when everything works', () => {
    expect(statusVerdict(healthy())).toEqual({ exit: STATUS_EXIT.ok, reasons: [] });
  });

  it('2 for a device that does not work, or a degraded log, each named', () => {
    const device = { ...healthy(), status: 'degraded', devices: [{ device: 'printer', state: 'offline', driver: 'serial', reason: 'no answer on /dev/ttyS0', detail: {} }] };
    expect(statusVerdict(device)).toEqual({ exit: STATUS_EXIT.degraded, reasons: ['printer offline: no answer on /dev/ttyS0'] });
    const log = { ...healthy(), status: 'degraded', log: { state: 'degraded', problem: 'ENOSPC', reason: 'the log file cannot be written' } };
    expect(statusVerdict(log)).toEqual({ exit: STATUS_EXIT.degraded, reasons: ['log degraded (ENOSPC): the log file cannot be written'] });
    // a reason this kioskctl does not know still is not ok
    expect(statusVerdict({ ...healthy(), status: 'degraded' })).toEqual({ exit: STATUS_EXIT.degraded, reasons: ['daemon reports degraded'] });
  });

  it('3 when the store cannot take submissions, whatever else is wrong', () => {
    const h = { ...healthy(), status: 'degraded', store: { state: 'failing', accepting: false, problem: 'full', reason: 'the disk is full' }, log: { state: 'degraded', problem: 'ENOSPC' } };
    const v = statusVerdict(h);
    expect(v.exit).toBe(STATUS_EXIT.storeDown);
    expect(v.reasons[0]).toBe('store failing (full): the disk is full');
  });

  it('4 when no daemon answers (a real kioskctl against a closed port)', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const config = writeTestConfig(mkdtempSync(join(tmpdir(), 'kiosk-status-')));
    const r = await kioskctl('status', '-c', config, '--port', String(port));
    expect(r.code, r.stdout + r.stderr).toBe(STATUS_EXIT.noDaemon);
    expect(r.stderr).toContain('no daemon answers');
  });
});
