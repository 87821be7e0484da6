import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type SpawnedDaemon, spawnDaemon } from '../../../helpers/daemon';
import { PlatformServer } from '../../../helpers/platform-server';
import { waitUntil } from '../../../helpers/wait';
import { type Broker, platformClient, startBroker } from '../../fleet/mosquitto';

// The catalog version the fleet platform asks for: fetched through the
// district platform (a test server speaking its HTTP API) only once no
// resident session is active; a catalog that does not validate leaves the
// last good one in service.

let broker: Broker;
let server: PlatformServer;
let d: SpawnedDaemon;
let ws: WebSocket;
let fleet: Awaited<ReturnType<typeof platformClient>>;

beforeAll(async () => {
  broker = await startBroker();
  server = await new PlatformServer().start();
  fleet = await platformClient(broker.url);
  d = await spawnDaemon({ config: { platform: { mode: 'http', baseUrl: server.baseUrl }, fleet: { url: broker.url, accessToken: 'tok-CAT', telemetrySeconds: 1 } } });
  ws = await d.connect();
}, 60_000);

afterAll(async () => {
  ws?.close();
  await d?.stop();
  await fleet?.client.endAsync(true);
  await server?.stop();
  await broker?.stop();
});

const fetches = () => fleet.json('v1/devices/me/attributes').flatMap((a) => ((a as { catalogFetch?: unknown }).catalogFetch ? [(a as { catalogFetch: Record<string, unknown> }).catalogFetch] : []));

describe('catalogVersion from the fleet platform', () => {
  it('waits while a resident is at the terminal, then fetches; a catalog that does not validate leaves the last good one', async () => {
    const attrs = (await waitUntil(() => fleet.json('v1/devices/me/attributes').find((a) => (a as { loadedCatalogVersion?: string }).loadedCatalogVersion), { timeoutMs: 15_000 })) as {
      loadedCatalogVersion: string;
    };
    const before = attrs.loadedCatalogVersion;
    const read = call(ws, 'card.read', { timeoutMs: 20_000 });
    await d.sim('idCardReader', 'insertCard', 'resident-valid');
    expect((await read).ok).toBe(true);

    server.catalogVersion = 'fleet-v9';
    await fleet.client.publishAsync('v1/devices/me/attributes', JSON.stringify({ catalogVersion: 'fleet-v9' }), { qos: 1 });
    expect(await waitUntil(() => fetches()[0], { timeoutMs: 10_000, what: 'a catalogFetch report' })).toMatchObject({
      wanted: 'fleet-v9',
      status: 'waiting',
      reason: expect.stringMatching(/resident/),
    });
    expect(server.requests.some((r) => r.path.startsWith('/v1/catalog'))).toBe(false);

    await call(ws, 'session.end', { reason: 'user' });
    const done = await waitUntil(() => fetches().find((f) => f.status !== 'waiting'), { timeoutMs: 15_000, what: 'the fetch after the session' });
    expect(server.requests.some((r) => r.path.startsWith('/v1/catalog'))).toBe(true);
    // The test platform's catalog (one item with a code and nothing else) does not validate.
    expect(done).toMatchObject({ wanted: 'fleet-v9', status: 'failed', problems: expect.arrayContaining([expect.any(String)]) });
    expect((await call(ws, 'catalog.diagnostics', {})).result.version).toBe(before);
    expect((await call(ws, 'catalog.get', {})).ok).toBe(true);
  }, 90_000);
});
