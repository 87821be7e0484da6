import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, nextEvent, ROOT, type SpawnedDaemon, spawnDaemon } from '../../../helpers/daemon';
import { waitUntil } from '../../../helpers/wait';
import { type Broker, platformClient, startBroker } from '../../fleet/mosquitto';
import { personalDataIn } from '../../fleet/pii-scan';

// The fleet capability end to end: the real daemon (compiled, simulated
// devices) linked to a real Mosquitto, the test playing the platform.

type Platform = Awaited<ReturnType<typeof platformClient>>;
let broker: Broker;
let d: SpawnedDaemon;
let ws: WebSocket;
let platform: Platform;
/** Every payload any platform client of this file received. */
const everything: string[] = [];
let rpcId = 100;

const health = async () => (await (await fetch(`${d.url}health`)).json()) as { fleet: { state: string; queue: { depth: number; dropped: number } } };

async function rpc(method: string, params: unknown = {}): Promise<{ result?: any; error?: { code: string; message: string } }> {
  const id = ++rpcId;
  await platform.client.publishAsync(`v1/devices/me/rpc/request/${id}`, JSON.stringify({ method, params }), { qos: 1 });
  return waitUntil(() => platform.json(`v1/devices/me/rpc/response/${id}`)[0] as any, { timeoutMs: 20_000, what: `the answer to ${method}` });
}

/** The configOverlay report that follows `after` reports already seen. */
async function overlayReport(after: number): Promise<{ status: string; problems?: string[]; restartNeeded?: string[] }> {
  return waitUntil(() => reports('configOverlay')[after], { timeoutMs: 10_000, what: 'a configOverlay report' }) as never;
}
const reports = (key: string) => platform.json('v1/devices/me/attributes').flatMap((a) => ((a as Record<string, unknown>)[key] ? [(a as Record<string, unknown>)[key]] : []));

async function connectPlatform(): Promise<Platform> {
  const p = await platformClient(broker.url);
  p.client.on('message', (_t, payload) => everything.push(payload.toString('utf8')));
  return p;
}

beforeAll(async () => {
  broker = await startBroker();
  platform = await connectPlatform();
  d = await spawnDaemon({
    config: {
      // Reconnects 2–4 s apart: after a broker restart the platform's subscriber is back first.
      fleet: { url: broker.url, accessToken: 'tok-FLEET17', telemetrySeconds: 1, reconnect: { baseMs: 4000, maxMs: 4000 } },
    },
  });
  ws = await d.connect();
}, 60_000);

afterAll(async () => {
  ws?.close();
  await d?.stop();
  await platform?.client.endAsync(true);
  await broker?.stop();
});

async function readCard(): Promise<void> {
  const read = call(ws, 'card.read', { timeoutMs: 20_000 });
  await d.sim('idCardReader', 'insertCard', 'resident-valid');
  const r = await read;
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
}

async function endSession(): Promise<void> {
  await call(ws, 'session.end', { reason: 'user' });
  await d.sim('idCardReader', 'removeCard');
}

describe('fleet link of the real daemon against Mosquitto', () => {
  it('connects with the access token, sends client attributes and periodic telemetry of the right shape', async () => {
    await waitUntil(() => broker.log().includes("u'tok-FLEET17'"), { what: 'the token as MQTT username' });
    const attrs = await waitUntil(() => platform.json('v1/devices/me/attributes').find((a) => (a as { terminalId?: string }).terminalId) as Record<string, any>, { timeoutMs: 10_000 });
    expect(attrs).toMatchObject({ terminalId: JSON.parse(readFileSync(d.configPath, 'utf8')).terminalId, version: expect.any(String), configHash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(attrs.devices.printer.driver).toBe('simulated');
    expect(attrs.calendar).toMatchObject({ years: expect.any(Array), currentYearCovered: expect.any(Boolean) });
    expect(attrs.loadedCatalogVersion).toEqual(expect.any(String));
    const t = (await waitUntil(() => platform.json('v1/devices/me/telemetry').find((m) => 'process.rssMb' in (m as any).values), { timeoutMs: 10_000 })) as {
      ts: number;
      values: Record<string, unknown>;
    };
    expect(t.ts).toBeGreaterThan(1.7e12);
    expect(t.values).toMatchObject({
      'printer.state': expect.any(String),
      'idCardReader.state': expect.any(String),
      'outbox.depth': expect.any(Number),
      'outbox.parked': expect.any(Number),
      'store.state': 'ok',
      'process.rssMb': expect.any(Number),
      'process.loopDelayP99Ms': expect.any(Number),
      'process.uptimeSec': expect.any(Number),
      'fleet.queueDropped': 0,
    });
    for (const v of Object.values(t.values)) expect(['string', 'number', 'boolean'].includes(typeof v) || v === null).toBe(true);
  });

  it('applies an allowed overlay through saveConfig (live where it can, restart-needed otherwise) and reports a bad one, changing nothing', async () => {
    const seen = reports('configOverlay').length;
    const name = '测试街道党群服务中心';
    await platform.client.publishAsync('v1/devices/me/attributes', JSON.stringify({ config: { site: { name }, session: { idleTimeoutSeconds: 120 } } }), { qos: 1 });
    // Both are read on every use (config/live-settings), so neither waits for a restart.
    expect(await overlayReport(seen)).toMatchObject({ status: 'applied', restartNeeded: [] });
    const onDisk = JSON.parse(readFileSync(d.configPath, 'utf8'));
    expect(onDisk.site.name).toBe(name);
    expect(onDisk.session.idleTimeoutSeconds).toBe(120);
    expect(existsSync(`${d.configPath}.bak`)).toBe(true);
    const status = (await call(ws, 'system.status', {})).result;
    expect(status.site.name).toBe(name);
    expect(status.session.idleTimeoutSeconds).toBe(120);

    const before = readFileSync(d.configPath, 'utf8');
    await platform.client.publishAsync('v1/devices/me/attributes', JSON.stringify({ config: { session: { idleTimeoutSeconds: 5 }, site: { name: 'x' } } }), { qos: 1 });
    const bad = await overlayReport(seen + 1);
    expect(bad.status).toBe('rejected');
    expect(bad.problems!.join('\n')).toMatch(/session\.idleTimeoutSeconds/);
    await platform.client.publishAsync('v1/devices/me/attributes', JSON.stringify({ config: { technician: { demoMode: true } } }), { qos: 1 });
    expect((await overlayReport(seen + 2)).problems).toEqual([expect.stringMatching(/^technician: not a setting the fleet may change/)]);
    expect(readFileSync(d.configPath, 'utf8')).toBe(before);
    expect((await call(ws, 'system.status', {})).result.site.name).toBe(name);
  });

  it('round-trips each allowed RPC, refuses any other, and refuses unsafe ones during a resident session', async () => {
    expect((await rpc('ping')).result).toMatchObject({ pong: true });
    expect((await rpc('status')).result).toMatchObject({ 'printer.state': expect.any(String) });
    expect((await rpc('printTestPage')).result).toMatchObject({ state: 'done' });
    const logs = await rpc('logsTail', { lines: 20 });
    expect(logs.result.lines.length).toBeGreaterThan(0);
    expect(await rpc('outboxRetry')).toMatchObject({ result: { pending: expect.any(Number) } });
    // The connected page is told to reload itself (the UI reloads on page.reload).
    const reload = nextEvent(ws, (e) => e.name === 'page.reload');
    expect((await rpc('reloadPage')).result).toMatchObject({ sent: true });
    expect((await reload).data).toEqual({ reason: 'fleet' });
    // The test's daemon runs without a supervisor (no NOTIFY_SOCKET): it would stay stopped, so it refuses.
    expect(await rpc('restartDaemon')).toMatchObject({ error: { code: 'failed', message: expect.stringMatching(/without a supervisor/) } });
    expect(await rpc('exec', { cmd: 'id' })).toMatchObject({ error: { code: 'unknownMethod' } });

    await readCard();
    expect(await rpc('printTestPage')).toMatchObject({ error: { code: 'residentSession' } });
    expect(await rpc('logsTail')).toMatchObject({ error: { code: 'residentSession' } });
    expect(await rpc('reloadPage')).toMatchObject({ error: { code: 'residentSession' } });
    expect((await rpc('ping')).result).toMatchObject({ pong: true });
    await endSession();
    expect((await rpc('printTestPage')).result).toMatchObject({ state: 'done' });
  }, 120_000);

  it('queues telemetry while the broker is down and the terminal works, then delivers it in order; nothing published is personal', async () => {
    await broker.stop();
    await waitUntil(async () => (await health()).fleet.state !== 'connected', { what: 'the link noticing the broker gone' });
    await readCard();
    expect((await d.sim('printer', 'paperOut')).status).toBe(200);
    await endSession();
    await waitUntil(async () => (await health()).fleet.queue.depth >= 3, { timeoutMs: 10_000, what: 'telemetry queued offline' });
    await platform.client.endAsync(true);
    await broker.start();
    platform = await connectPlatform();
    await waitUntil(async () => (await health()).fleet.queue.depth === 0, { timeoutMs: 30_000, what: 'the queue drained' });
    const telemetry = platform.json('v1/devices/me/telemetry') as Array<{ ts: number; values: Record<string, unknown> }>;
    const stamps = telemetry.map((t) => t.ts);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(telemetry.some((t) => t.values['printer.paper'] === 'out')).toBe(true);
    expect(everything.length).toBeGreaterThan(20);
    expect(everything.flatMap(personalDataIn)).toEqual([]);
    expect((await rpc('logsTail', { lines: 200 })).result.lines.flatMap(personalDataIn)).toEqual([]);
  }, 120_000);

  // Last: by now the daemon has also reported an overlay (configOverlay) and its telemetry after a paper-out.
  it('has published every key the shipped ThingsBoard profile and dashboard use', () => {
    // Server-side attributes the platform keeps itself (activity) or an administrator sets (the site's position).
    const PLATFORM_SIDE = new Set(['active', 'latitude', 'longitude']);
    const files = ['device-profile.json', 'fleet-dashboard.json'].map((f) => readFileSync(join(ROOT, 'deploy/thingsboard', f), 'utf8'));
    const used = new Set(
      files.flatMap((text) =>
        [...text.matchAll(/"key":\s*\{\s*"type":\s*"(?:TIME_SERIES|ATTRIBUTE)",\s*"key":\s*"([^"]+)"|"name":\s*"([^"]+)",\s*"type":\s*"(?:timeseries|attribute)"/g)].map((m) => m[1] ?? m[2]!),
      ),
    );
    // Every payload of the file (the platform client was replaced at the broker restart): telemetry values' keys and attribute keys.
    const published = new Set(
      everything.flatMap((text) => {
        const body = JSON.parse(text) as { values?: object };
        return Object.keys(body.values ?? body);
      }),
    );
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((k) => !published.has(k) && !PLATFORM_SIDE.has(k))).toEqual([]);
  });
});
