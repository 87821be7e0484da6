import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../device-daemon/config/load';
import { createScannerCapability } from '../../../../device-daemon/capabilities/scanner';
import { caseNoMatchers, extractCaseNo, maskScanText } from '../../../../device-daemon/devices/scanner/scan-text';
import { createSimulatedScanner } from '../../../../device-daemon/devices/scanner/simulator/simulated-scanner';
import { formatCaseNumber } from '../../../../contract/domain/case-number';
import { call, nextEvent, ROOT, spawnDaemon, writeTestConfig, type SpawnedDaemon } from '../../../helpers/daemon';
import { waitFor } from '../../devices/scanner/helpers';
import { manualClock, startHarness } from '../harness';
import type { Clock } from '../../../../device-daemon/clock';

const config = loadConfig(join(ROOT, 'kiosk.config.json'));
const CASE = formatCaseNumber({ terminalId: 'WD0001', date: '20250612', seq: 42 });
const progressUrl = (c: string) => config.links.progressUrlTemplate.replace('{caseNo}', c);
const evaluationUrl = (c: string) => config.links.evaluationUrlTemplate.replace('{caseNo}', c);
// A synthetic ID number (valid check digit) from assets/demo/synthetic-people.json's pattern; never a real person.
const SYNTHETIC_ID = '410403195803120023';

describe('case number in a scanned code', () => {
  const m = caseNoMatchers([config.links.progressUrlTemplate, config.links.evaluationUrlTemplate]);
  it('from the progress URL of the receipt, the evaluation URL, or a bare number (any case, no dashes)', () => {
    expect(CASE).toMatch(/^WD0001-20250612-00042-[0-9A-Z]$/);
    expect(extractCaseNo(progressUrl(CASE), m)).toEqual({ ok: true, caseNo: CASE, from: 'url' });
    expect(extractCaseNo(evaluationUrl(CASE), m)).toEqual({ ok: true, caseNo: CASE, from: 'url' });
    expect(extractCaseNo(progressUrl(encodeURIComponent(CASE)).replace('https://zwfw', 'HTTPS://ZWFW'), m)).toMatchObject({ ok: true, caseNo: CASE });
    expect(extractCaseNo(CASE, m)).toEqual({ ok: true, caseNo: CASE, from: 'bare' });
    expect(extractCaseNo(CASE.replace(/-/g, '').toLowerCase(), m)).toEqual({ ok: true, caseNo: CASE, from: 'bare' });
  });
  it('refuses a wrong check character, another site, extra query parts and plain text', () => {
    const wrong = CASE.slice(0, -1) + (CASE.endsWith('A') ? 'B' : 'A');
    expect(extractCaseNo(progressUrl(wrong), m)).toEqual({ ok: false });
    expect(extractCaseNo(wrong, m)).toEqual({ ok: false });
    expect(extractCaseNo(`https://evil.example.com/progress?case=${CASE}`, m)).toEqual({ ok: false });
    expect(extractCaseNo(`${progressUrl(CASE)}&x=1`, m)).toEqual({ ok: false });
    expect(extractCaseNo('hello', m)).toEqual({ ok: false });
  });
  it('masks ID-number and phone shapes, keeps case numbers readable, cuts to 200 characters', () => {
    expect(maskScanText(`id=${SYNTHETIC_ID};tel=13912345678`)).toBe('id=4104**********0023;tel=139****5678');
    expect(maskScanText(CASE.replace(/-/g, ''))).toBe(CASE.replace(/-/g, ''));
    const long = maskScanText('码'.repeat(150) + '😀'.repeat(100));
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith('…')).toBe(true);
  });
});

/** The capability in-process on the simulated scanner, with a log we can read. */
function harness(armMs = 120_000, clock?: Clock) {
  const sim = createSimulatedScanner({ log: pino({ level: 'silent' }), timing: 'instant', framing: { suffix: 'CR', maxLength: 512, interByteTimeoutMs: 100 }, repeatWindowMs: 0 });
  let logText = '';
  const log = pino(
    { level: 'debug' },
    new Writable({
      write: (c, _e, cb) => {
        logText += c.toString();
        cb();
      },
    }),
  );
  const h = startHarness({ log, clock, devices: { scanner: sim.device }, capabilities: (ctx) => [createScannerCapability(ctx, { armMs })] });
  const scan = (text: string) => sim.device.simulator!.perform('scan', text);
  return { sim, router: h.router, events: h.events, wipers: h.wipers, scan, log: () => logText, harness: h };
}

describe('scanner.arm / scanner.disarm / scanner.code (in-process)', () => {
  const open: Array<{ stop(): Promise<void> }> = [];
  afterEach(async () => {
    for (const d of open.splice(0)) await d.stop();
  });
  async function start(armMs?: number, clock?: Clock) {
    const h = harness(armMs, clock);
    open.push(h.sim.device, h.harness);
    await h.sim.device.start();
    return h;
  }

  it('no event while disarmed; armed: the URL arrives with its case number; disarmed again: nothing', async () => {
    const h = await start();
    await h.scan(progressUrl(CASE));
    await waitFor(() => h.sim.device.status().detail.codes === 1, 2000, 'the code read');
    expect(h.events).toEqual([]);
    const armed = await h.router.invoke('scanner.arm', { purpose: 'caseNo' });
    expect(armed).toMatchObject({ armed: true, purpose: 'caseNo' });
    expect(Date.parse(armed.expiresAt!) - Date.now()).toBeGreaterThan(110_000);
    await h.scan(progressUrl(CASE));
    await waitFor(() => h.events.length === 1, 2000, 'scanner.code');
    expect(h.events[0]).toMatchObject({ name: 'scanner.code', data: { purpose: 'caseNo', caseNo: CASE, text: progressUrl(CASE) } });
    expect(await h.router.invoke('scanner.disarm', {})).toEqual({ armed: false, wasArmed: true });
    await h.scan(CASE);
    await waitFor(() => h.sim.device.status().detail.codes === 3, 2000, 'the third code read');
    expect(h.events).toHaveLength(1);
  });

  it('a code that is not a case number arrives without caseNo, masked; the log has lengths only', async () => {
    const h = await start();
    await h.router.invoke('scanner.arm', { purpose: 'caseNo' });
    const personal = `${SYNTHETIC_ID} 13912345678`;
    await h.scan(personal);
    await h.scan(CASE.replace(/-/g, '').toLowerCase());
    await waitFor(() => h.events.length === 2, 2000, 'two events');
    expect(h.events[0]!.data.caseNo).toBeUndefined();
    expect(h.events[0]!.data.text).toBe('4104**********0023 139****5678');
    expect(h.events[1]!.data.caseNo).toBe(CASE);
    const log = h.log();
    expect(log).toContain(`"length":${personal.length}`);
    expect(log).toMatch(/"caseNo":"bare"/);
    for (const secret of [SYNTHETIC_ID, '13912345678', CASE, CASE.replace(/-/g, '').toLowerCase()]) expect(log).not.toContain(secret);
  });

  it('disarms by itself after the arm period; arming again extends it', async () => {
    const clock = manualClock(Date.parse('2025-06-02T09:00:00+08:00'));
    const h = await start(1000, clock);
    await h.router.invoke('scanner.arm', { purpose: 'caseNo' });
    clock.advance(700);
    await h.router.invoke('scanner.arm', { purpose: 'caseNo' }); // extends to t = 1700 ms
    clock.advance(700); // t = 1400 ms: past the first period, inside the second
    await h.scan('STILL-ARMED');
    await waitFor(() => h.events.length === 1, 2000, 'event while extended');
    expect(h.log()).not.toContain('armPeriodOver');
    clock.advance(300); // t = 1700 ms: the extended period ends
    expect(h.log()).toContain('armPeriodOver');
    await h.scan('TOO-LATE');
    await waitFor(() => h.sim.device.status().detail.codes === 2, 2000, 'the late code read');
    expect(h.events.map((e) => e.data.text)).toEqual(['STILL-ARMED']);
  });

  it('session end (and a UI page going away) disarms and says so', async () => {
    const h = await start();
    expect(h.wipers.flatMap((w) => w())).toEqual([]);
    await h.router.invoke('scanner.arm', { purpose: 'caseNo' });
    expect(h.wipers.flatMap((w) => w())).toEqual(['scanner.armed']);
    await h.scan(CASE);
    await waitFor(() => h.sim.device.status().detail.codes === 1, 2000, 'code read');
    expect(h.events).toEqual([]);
    await h.router.invoke('scanner.arm', { purpose: 'caseNo' });
    expect(h.wipers.flatMap((w) => w({ boundary: true }))).toEqual(['scanner.armed']);
    expect(h.log()).toMatch(/"why":"sessionBoundary"/);
  });
});

describe('scanner over the real daemon (WebSocket API + POST /sim/scanner)', () => {
  let d: SpawnedDaemon;
  beforeAll(async () => {
    d = await spawnDaemon();
  });
  afterAll(async () => {
    await d?.stop();
  });
  const sim = (action: string, param?: string) =>
    fetch(`${d.url}sim/scanner/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(param === undefined ? {} : { param }) });

  it('is a device like the others: online in /health, simulated, and its code only reaches an armed UI', async () => {
    const health = (await (await fetch(`${d.url}health`)).json()) as { devices: Array<{ device: string; state: string; driver: string }>; scanner: unknown };
    expect(health.devices.find((x) => x.device === 'scanner')).toMatchObject({ state: 'online', driver: 'simulated' });
    const ws = await d.connect();
    const codes: any[] = [];
    ws.on('message', (m) => {
      const msg = JSON.parse(m.toString());
      if (msg.kind === 'event' && msg.name === 'scanner.code') codes.push(msg.data);
    });
    // Disarmed: scanned at the attract screen, dropped. The next event proves the order.
    expect((await sim('scan', progressUrl(CASE))).status).toBe(200);
    expect(await call(ws, 'scanner.arm', { purpose: 'caseNo' })).toMatchObject({ ok: true, result: { armed: true } });
    const next = nextEvent(ws, (e) => e.name === 'scanner.code');
    expect((await sim('scan', evaluationUrl(CASE))).status).toBe(200);
    expect((await next).data).toMatchObject({ caseNo: CASE, text: evaluationUrl(CASE) });
    expect(codes).toHaveLength(1);
    // session.end disarms.
    expect((await call(ws, 'session.end', { reason: 'user' })).result.wiped).toContain('scanner.armed');
    await sim('scan', 'AFTER-END');
    await call(ws, 'scanner.arm', { purpose: 'caseNo' });
    const again = nextEvent(ws, (e) => e.name === 'scanner.code');
    await sim('scan', 'REARMED');
    expect((await again).data.text).toBe('REARMED');
    expect(codes.map((c) => c.text)).toEqual([evaluationUrl(CASE), 'REARMED']);
    expect(await call(ws, 'scanner.disarm', {})).toMatchObject({ ok: true, result: { armed: false, wasArmed: true } });
    ws.close();
    // The daemon's log says what happened, never what was scanned.
    const log = readFileSync(join(d.dataDir, 'log', 'daemon.log'), 'utf8') + d.stdout() + d.stderr();
    expect(log).toMatch(/scan ignored: nobody asked for one/);
    expect(log).toMatch(/scan delivered/);
    for (const secret of [CASE, 'AFTER-END', 'REARMED', 'zwfw.example.gov.cn/progress']) expect(log).not.toContain(secret);
  });

  it('sim controls answer with the device status; bad params and unknown actions are refused', async () => {
    const r = await sim('unplug');
    expect(r.status).toBe(200);
    expect(((await r.json()) as { state: string }).state).not.toBe('online');
    expect((await sim('scan', 'X')).status).toBe(409); // nobody to send it: unplugged
    const back = await sim('replug');
    expect(((await back.json()) as { state: string }).state).toBe('online');
    expect((await sim('scan')).status).toBe(409); // no text
    expect((await sim('insertCard')).status).toBe(409); // not a scanner action
    const ws = await d.connect();
    const viaApi = await call(ws, 'sim.control', { device: 'scanner', action: 'scanGarbage' });
    expect(viaApi).toMatchObject({ ok: true, result: { device: 'scanner', status: { state: 'online' } } });
    ws.close();
  });

  it('with driver "none": no scanner device and scanner.arm answers noDevice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-scanner-none-'));
    const file = writeTestConfig(dir);
    const cfg = JSON.parse(readFileSync(file, 'utf8'));
    cfg.devices.scanner = { driver: 'none' };
    writeFileSync(file, JSON.stringify(cfg));
    const none = await spawnDaemon({ dataDir: dir, configPath: file });
    try {
      const health = (await (await fetch(`${none.url}health`)).json()) as { devices: Array<{ device: string }> };
      expect(health.devices.map((x) => x.device)).not.toContain('scanner');
      const ws = await none.connect();
      expect(await call(ws, 'scanner.arm', { purpose: 'caseNo' })).toMatchObject({ ok: false, error: { code: 'noDevice' } });
      ws.close();
    } finally {
      await none.stop();
    }
  });
});
