import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../../../device-daemon/config/pin-hash';
import { readRawConfig } from '../../../../device-daemon/config/save-config';
import { call, nextEvent, useDaemon } from '../../../helpers/daemon';

// Maintenance mode through the real (compiled) daemon and one page's WebSocket: the PIN checked by the daemon,
// residents' commands refused while it lasts, a setting saved into the daemon's own config file, and leaving.
const PIN = '13572468';

describe('maintenance mode in the running daemon', { timeout: 60_000 }, () => {
  const live = useDaemon({ beforeAll, afterAll }, { config: { technician: { pinHash: hashPin(PIN) } } });

  it('wrong PIN, right PIN, residents refused, a setting saved, leave', async () => {
    const ws = live.ws();
    const consent = () => call(ws, 'consent.record', { purpose: 'apply', textVersion: 'apply-1' });
    expect((await consent()).ok).toBe(true);

    const wrong = await call(ws, 'maintenance.enter', { pin: '00000000' });
    expect(wrong.error).toMatchObject({ code: 'pinInvalid', detail: { remaining: 4 } });

    const entered = nextEvent(ws, (e) => e.name === 'maintenance.changed' && e.data.active);
    const ok = await call(ws, 'maintenance.enter', { pin: PIN });
    expect(ok.ok).toBe(true);
    expect((await entered).data).toEqual({ active: true, reason: 'entered' });
    expect((await consent()).error).toMatchObject({ code: 'maintenanceMode' });

    const token = ok.result.token as string;
    const set = await call(ws, 'maintenance.config.set', { token, path: 'session.idleTimeoutSeconds', value: 120 });
    expect(set.result).toMatchObject({ saved: true, restartNeeded: false, applied: true });
    expect((readRawConfig(live.daemon().configPath).session as Record<string, unknown>).idleTimeoutSeconds).toBe(120);
    // Applied without a restart: the next system.status carries it.
    expect((await call(ws, 'system.status', {})).result.session.idleTimeoutSeconds).toBe(120);

    const left = nextEvent(ws, (e) => e.name === 'maintenance.changed' && !e.data.active);
    expect((await call(ws, 'maintenance.leave', { token })).ok).toBe(true);
    expect((await left).data).toEqual({ active: false, reason: 'left' });
    expect((await consent()).ok).toBe(true);
  });
});
