import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { call, nextEvent, spawnDaemon, type SpawnedDaemon } from '../../../helpers/daemon';
import { waitUntil } from '../../../helpers/wait';

// The real daemon with its embedded simulated reader (driver: simulated, realistic timing):
// card.read, card.present / card.removed, POST /sim controls, session.end, status.

let d: SpawnedDaemon;
let ws: WebSocket;
const events: Array<{ name: string; data: any }> = [];

beforeAll(async () => {
  d = await spawnDaemon();
  ws = await d.connect();
  ws.on('message', (m) => {
    const msg = JSON.parse(m.toString());
    if (msg.kind === 'event') events.push(msg);
  });
});
afterAll(async () => {
  ws?.close();
  await d?.stop();
});

const sim = (action: string, param?: string) =>
  fetch(`${d.url}sim/idCardReader/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(param ? { param } : {}) });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('card reader through the real daemon', () => {
  it('reports the reader online with its SAM ID', async () => {
    // The daemon listens before its devices are up, and a first open whose 300 ms SAM answer was missed while the
    // machine was loaded is tried again (reader-device.ts): the reader must come online, not be online at once.
    const reader = await waitUntil(
      async () => {
        const s = await call(ws, 'system.status');
        const r = s.result.devices.find((x: { device: string }) => x.device === 'idCardReader');
        return r?.state === 'online' ? r : undefined;
      },
      { timeoutMs: 15_000, what: 'the reader to come online', intervalMs: 100 },
    );
    expect(reader).toMatchObject({ driver: 'simulated', state: 'online', detail: { samId: '05.01-20260101-0000004104-0000000001' } });
  });

  it('no card: noCard after the timeout the UI gave', async () => {
    const r = await call(ws, 'card.read', { timeoutMs: 1000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'noCard' } });
  });

  it('POST /sim insertCard, card.read: a masked summary, card.present, then card.removed when lifted; session.end wipes', async () => {
    const res = await sim('insertCard', 'resident-young');
    expect(res.status).toBe(200);
    const present = nextEvent(ws, (e) => e.name === 'card.present');
    const r = await call(ws, 'card.read', { timeoutMs: 10_000 });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    expect(r.result).toMatchObject({
      kind: 'resident',
      maskedName: '石*',
      maskedIdNumber: '4104**********0030',
      sex: 'male',
      nation: '汉族',
      validTo: '2039-07-01',
      expired: false,
      photo: 'notDecoded',
    });
    expect(JSON.stringify(r)).not.toContain('410403199011020030');
    expect(JSON.stringify(r)).not.toContain('演示街道');
    expect((await present).data).toEqual({ at: expect.any(String) });
    // the same session asks again: same card, no new read
    expect((await call(ws, 'card.read', { timeoutMs: 2000 })).result.readAt).toBe(r.result.readAt);
    const removed = nextEvent(ws, (e) => e.name === 'card.removed');
    expect((await sim('removeCard')).status).toBe(200);
    expect((await removed).data).toEqual({ at: expect.any(String), duringRead: false });
    const end = await call(ws, 'session.end', { reason: 'user' });
    expect(end.result.wiped).toContain('idCardReader.cardRecord');
    expect(JSON.stringify(events)).not.toContain('410403199011020030');
  });

  it('an expired card reads, flagged expired with its date; a bad check digit is cardUnreadable', async () => {
    await sim('insertCard', 'resident-expired');
    const r = await call(ws, 'card.read', { timeoutMs: 10_000 });
    expect(r.result).toMatchObject({ expired: true, validTo: '2025-08-01' });
    await call(ws, 'session.end', { reason: 'user' });
    await sim('swapCard', 'resident-badcheck');
    expect((await call(ws, 'card.read', { timeoutMs: 10_000 })).error?.code).toBe('cardUnreadable');
    await call(ws, 'session.end', { reason: 'user' });
  });

  it('foreign and HK/Macao/Taiwan cards through the API', async () => {
    await sim('swapCard', 'foreign-2023');
    expect((await call(ws, 'card.read', { timeoutMs: 10_000 })).result).toMatchObject({ kind: 'foreignPermanent', foreignLayout: 'Y', nationality: 'DEU', maskedName: '安*' });
    await call(ws, 'session.end', { reason: 'user' });
    await sim('swapCard', 'hk-permit');
    expect((await call(ws, 'card.read', { timeoutMs: 10_000 })).result).toMatchObject({ kind: 'hkMacaoTaiwan', region: 'HK' });
    await call(ws, 'session.end', { reason: 'user' });
  });

  it('samError: the read fails with samError, the reader reports hardwareError and recovers', async () => {
    // The idle presence check that follows the swap has seen the card (the next one is a second away), so the fault meets the read.
    const seen = nextEvent(ws, (e) => e.name === 'device.status' && e.data.device === 'idCardReader' && e.data.detail.media === 'placed');
    await sim('swapCard', 'resident-valid');
    await seen;
    const hw = nextEvent(ws, (e) => e.name === 'device.status' && e.data.device === 'idCardReader' && e.data.state === 'hardwareError');
    expect((await call(ws, 'sim.control', { device: 'idCardReader', action: 'samError', param: '60' })).ok).toBe(true);
    expect((await call(ws, 'card.read', { timeoutMs: 5000 })).error?.code).toBe('samError');
    expect((await hw).data.reason).toContain('0x60');
    await nextEvent(ws, (e) => e.name === 'device.status' && e.data.device === 'idCardReader' && e.data.state === 'online', 10_000);
    expect((await call(ws, 'card.read', { timeoutMs: 10_000 })).ok).toBe(true);
    await call(ws, 'session.end', { reason: 'user' });
  });

  it('unplug: offline/noDevice and card.read says so; replug: online again', async () => {
    const gone = nextEvent(ws, (e) => e.name === 'device.status' && e.data.device === 'idCardReader' && (e.data.state === 'offline' || e.data.state === 'noDevice'));
    expect((await sim('unplug')).status).toBe(200);
    await gone;
    expect(['offline', 'noDevice']).toContain((await call(ws, 'card.read', { timeoutMs: 2000 })).error?.code);
    const back = nextEvent(ws, (e) => e.name === 'device.status' && e.data.device === 'idCardReader' && e.data.state === 'online', 10_000);
    expect((await sim('replug')).status).toBe(200);
    await back;
  });

  it('refuses an unknown synthetic card; never logs an unmasked number', async () => {
    const res = await sim('insertCard', 'nobody');
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toContain('no synthetic card');
    const logs = filesUnder(d.dataDir).filter((f) => f.endsWith('.log'));
    expect(logs.length).toBeGreaterThan(0);
    const text = logs.map((f) => readFileSync(f, 'utf8')).join('\n') + d.stdout() + d.stderr();
    expect(text).toContain('id-card read');
    for (const n of ['410403199011020030', '410403197506300051', '934110199003150022', '810000199208080030', '410403195803120023']) expect(text).not.toContain(n);
  });
});
