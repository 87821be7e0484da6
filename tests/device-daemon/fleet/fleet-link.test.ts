import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FleetLink, type FleetLinkOptions } from '../../../device-daemon/fleet/fleet-link';
import { OfflineQueue } from '../../../device-daemon/fleet/offline-queue';
import { dispatchRpc } from '../../../device-daemon/fleet/rpc-dispatch';
import { waitUntil } from '../../helpers/wait';
import { type Broker, platformClient, startBroker } from './mosquitto';

let broker: Broker;
/** One broker that checks credentials (allow_anonymous false, a password file), for the file. */
let checking: Broker;
const TOKEN = 'tok-R1GHT7';
const PASSWORD = 'pw-for-the-test';
beforeAll(async () => {
  broker = await startBroker();
  checking = await startBroker({ logAll: true, users: { [TOKEN]: PASSWORD } });
});
/** Links a test started: one a failed test left connected would answer the next test's requests. */
const started: FleetLink[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((l) => (l.status().state === 'stopped' ? undefined : l.stop(500))));
});
afterAll(async () => {
  await broker.stop();
  await checking.stop();
});

function link(over: Partial<FleetLinkOptions> = {}): { link: FleetLink; queue: OfflineQueue } {
  const queue = new OfflineQueue(':memory:', 1000);
  const l = new FleetLink({
    url: broker.url,
    clientId: `kiosk-T${Math.random().toString(36).slice(2, 8)}`,
    credentials: { username: 'tok-A1B2C3' },
    keepaliveSec: 5,
    reconnect: { baseMs: 50, maxMs: 200 },
    queue,
    now: Date.now,
    sharedKeys: ['config'],
    ...over,
  });
  l.start();
  started.push(l);
  return { link: l, queue };
}

describe('FleetLink against Mosquitto', () => {
  it('connects with the access token as MQTT username and sends telemetry as {ts, values} with QoS 1', async () => {
    const platform = await platformClient(broker.url);
    const { link: l } = link({ clientAttributes: () => ({ version: '9.9.9' }) });
    await waitUntil(() => l.status().state === 'connected', { what: 'link up' });
    l.telemetry({ 'printer.paper': 'ok', n: 1 }, 1_700_000_000_000);
    const [t] = await waitUntil(() => platform.json('v1/devices/me/telemetry').length > 0 && platform.json('v1/devices/me/telemetry'), { what: 'telemetry' });
    expect(t).toEqual({ ts: 1_700_000_000_000, values: { 'printer.paper': 'ok', n: 1 } });
    // The client attributes go out at connect, on a topic of their own: they may arrive after the telemetry.
    await waitUntil(() => platform.json('v1/devices/me/attributes').length > 0, { what: 'client attributes' });
    expect(platform.json('v1/devices/me/attributes')).toContainEqual({ version: '9.9.9' });
    expect(broker.log()).toMatch(/u'tok-A1B2C3'/);
    // The link asked for its shared attributes at connect.
    expect(platform.got.some((m) => /^v1\/devices\/me\/attributes\/request\/\d+$/.test(m.topic) && JSON.parse(m.payload).sharedKeys === 'config')).toBe(true);
    await l.stop(1000);
    await platform.client.endAsync();
  });

  it('passes on only the shared keys it asked for (its own client attributes echo on a plain broker)', async () => {
    const platform = await platformClient(broker.url);
    const seen: Array<Record<string, unknown>> = [];
    const { link: l } = link({ onShared: (v) => seen.push(v), clientAttributes: () => ({ version: '1' }) });
    await waitUntil(() => l.status().state === 'connected', { what: 'link up' });
    await platform.client.publishAsync('v1/devices/me/attributes', JSON.stringify({ config: { a: 1 }, other: 2 }), { qos: 1 });
    await platform.client.publishAsync('v1/devices/me/attributes/response/1', JSON.stringify({ shared: { config: { b: 2 } } }), { qos: 1 });
    await waitUntil(() => seen.length === 2, { what: 'two shared updates' });
    expect(seen).toEqual([{ config: { a: 1 } }, { config: { b: 2 } }]);
    await l.stop(1000);
    await platform.client.endAsync();
  });

  it('answers RPCs on the response topic of the same id, runs a redelivered id once, and refuses what is not allowed', async () => {
    const platform = await platformClient(broker.url);
    let pings = 0;
    const table = { ping: { safe: true, run: () => ({ pong: ++pings }) }, printTestPage: { safe: false, run: () => ({ printed: true }) } };
    let resident = false;
    const { link: l } = link({ onRpc: (m, p) => dispatchRpc(table, m, p, () => resident) });
    await waitUntil(() => l.status().state === 'connected', { what: 'link up' });
    const ask = async (id: number, method: string) => {
      await platform.client.publishAsync(`v1/devices/me/rpc/request/${id}`, JSON.stringify({ method, params: {} }), { qos: 1 });
      return waitUntil(() => platform.json(`v1/devices/me/rpc/response/${id}`).at(-1), { what: `response ${id}` });
    };
    expect(await ask(7, 'ping')).toEqual({ result: { pong: 1 } });
    const before = platform.json('v1/devices/me/rpc/response/7').length;
    // Redelivered (QoS 1): answered again with the first result, not run twice.
    await platform.client.publishAsync('v1/devices/me/rpc/request/7', JSON.stringify({ method: 'ping', params: {} }), { qos: 1 });
    await waitUntil(() => platform.json('v1/devices/me/rpc/response/7').length > before, { what: 'the second answer to id 7' });
    expect(platform.json('v1/devices/me/rpc/response/7').at(-1)).toEqual({ result: { pong: 1 } });
    expect(pings).toBe(1);
    expect(await ask(8, 'shell')).toMatchObject({ error: { code: 'unknownMethod' } });
    resident = true;
    expect(await ask(9, 'printTestPage')).toMatchObject({ error: { code: 'residentSession' } });
    expect(await ask(10, 'ping')).toEqual({ result: { pong: 2 } });
    await l.stop(1000);
    await platform.client.endAsync();
  });

  it('stop sends what is still queued before it disconnects, within its bound', async () => {
    const platform = await platformClient(broker.url);
    const { link: l, queue } = link();
    await waitUntil(() => l.status().state === 'connected', { what: 'link up' });
    for (let i = 0; i < 200; i++) l.telemetry({ last: i });
    await l.stop(5000);
    expect(queue.status().depth).toBe(0);
    await waitUntil(() => platform.json('v1/devices/me/telemetry').length === 200, { what: 'all 200 at the platform' });
    expect(l.status().state).toBe('stopped');
    await platform.client.endAsync();
  });

  // A broker stop and start plus a 2–4 s reconnect: more than the default 20 s on a loaded 2-core CI machine.
  it('queues telemetry while the broker is down and sends all of it, in order, once it is back', { timeout: 60_000 }, async () => {
    // Reconnects 2–4 s apart: the platform's subscriber is back on the restarted broker before the link is.
    const { link: l, queue } = link({ reconnect: { baseMs: 4000, maxMs: 4000 } });
    await waitUntil(() => l.status().state === 'connected', { what: 'link up' });
    await broker.stop();
    await waitUntil(() => l.status().state !== 'connected', { what: 'link down' });
    for (let i = 0; i < 50; i++) l.telemetry({ seq: i }, 1_700_000_000_000 + i);
    expect(queue.status().depth).toBe(50);
    await broker.start();
    const platform = await platformClient(broker.url);
    l.telemetry({ seq: 50 }, 1_700_000_000_050);
    await waitUntil(() => queue.status().depth === 0, { timeoutMs: 15_000, what: 'queue drained' });
    await waitUntil(() => platform.json('v1/devices/me/telemetry').length >= 51, { what: 'all 51 received' });
    const got = platform.json('v1/devices/me/telemetry') as Array<{ ts: number; values: { seq: number } }>;
    expect(got.map((t) => t.values.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i));
    // Each keeps the time it was taken, not the time it was sent.
    expect(got.map((t) => t.ts - 1_700_000_000_000)).toEqual(Array.from({ length: 51 }, (_, i) => i));
    await l.stop(1000);
    await platform.client.endAsync();
  });

  it('telemetry in flight when the broker dies is sent again after the reconnect, and stop keeps its bound with a broker that answers nothing', { timeout: 60_000 }, async () => {
    // Reconnects 1.5–3 s apart: the platform's subscriber is on the restarted broker before the link is back (what
    // the link publishes to a broker with no subscriber yet is acknowledged and dropped, as it would be on a terminal).
    const { link: l, queue } = link({ reconnect: { baseMs: 3000, maxMs: 3000 } });
    await waitUntil(() => l.status().state === 'connected' && l.status().inFlight === 0, { what: 'link up, nothing in flight' });
    broker.pause();
    for (let i = 0; i < 10; i++) l.telemetry({ seq: i }, 1_700_000_000_000 + i);
    // The first is sent at once, the others wait for its batch (the queue drains in windows).
    await waitUntil(() => l.status().inFlight === 1, { what: 'a publish awaiting its PUBACK' });
    await broker.kill();
    await waitUntil(() => l.status().state !== 'connected', { what: 'link down' });
    // Lost with the connection: not waited for any longer (mqtt.js's reconnect starts an empty store), still queued.
    expect(l.status().inFlight).toBe(0);
    expect(queue.status().depth).toBe(10);
    await broker.start();
    const platform = await platformClient(broker.url);
    await waitUntil(() => queue.status().depth === 0, { timeoutMs: 10_000, what: 'the queue drained after the reconnect' });
    await waitUntil(() => platform.json('v1/devices/me/telemetry').length >= 10, { what: 'all ten at the platform' });
    expect((platform.json('v1/devices/me/telemetry') as Array<{ values: { seq: number } }>).map((t) => t.values.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    await platform.client.endAsync();

    // A broker that takes the bytes and never answers: stop sends what it can for its bound, then drops the socket.
    broker.pause();
    l.telemetry({ seq: 10 });
    await waitUntil(() => l.status().inFlight === 1, { what: 'one publish awaiting its PUBACK' });
    const t0 = performance.now();
    await l.stop(500);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(l.status().state).toBe('stopped');
    expect(queue.status().depth).toBe(1);
    await broker.kill();
    await broker.start();
  });

  it('with a broker that checks the token: connects with the right one; a wrong one is refused, said in the status and the log, never printed', async () => {
    const right = link({ url: checking.url, credentials: { username: TOKEN, password: PASSWORD } }).link;
    await waitUntil(() => right.status().state === 'connected', { what: 'link up with the right token' });
    expect(checking.log()).toContain(`u'${TOKEN}'`);
    await right.stop(1000);

    const wrongToken = 'tok-WR0NG9';
    const logged: Array<{ obj: unknown; msg: string }> = [];
    const warn = (obj: unknown, msg: string) => void logged.push({ obj, msg });
    const log = { info: warn, warn, debug: () => undefined };
    const wrong = link({ url: checking.url, credentials: { username: wrongToken, password: PASSWORD }, log: log as never }).link;
    const refused = await waitUntil(() => wrong.status().lastError?.startsWith('refused by the broker') && wrong.status(), { what: 'the refusal in the status' });
    expect(refused.lastError).toMatch(/Not authorized.*check fleet\.accessToken/);
    expect(refused.state).not.toBe('connected');
    expect(refused.connects).toBe(0);
    expect(logged.map((l) => l.msg)).toContainEqual(expect.stringMatching(/^fleet link refused by the broker: .*Not authorized/));
    expect(JSON.stringify([refused, logged])).not.toContain(wrongToken);
    expect(JSON.stringify([refused, logged])).not.toContain(PASSWORD);
    await wrong.stop(1000);
  });
});
