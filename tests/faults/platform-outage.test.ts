import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { call, spawnDaemon, type SpawnedDaemon } from '../helpers/daemon';
import { PlatformServer } from '../helpers/platform-server';
import { waitUntil } from '../helpers/wait';

// Fault: the government platform goes away in the middle of a day's work and
// comes back. The real daemon (http platform) against a real platform server:
// what was accepted while the platform was down is queued, nothing is
// refused to the resident, and once it is back each submission reaches it
// exactly once, in acceptance order per kind.

// The kinds the submission API takes without a card (evaluations go through their own capability).
const kinds = ['complaint', 'callStaff'] as const;
function args(n: number) {
  const kind = kinds[n % 2]!;
  const idempotencyKey = randomUUID();
  if (kind === 'complaint') return { kind, idempotencyKey, payload: { category: 'other', text: `outage ${n}` } };
  return { kind, idempotencyKey, payload: { reason: 'help', note: `outage ${n}` } };
}

let server: PlatformServer | undefined;
let d: SpawnedDaemon | undefined;
let ws: WebSocket | undefined;
afterAll(async () => {
  ws?.close();
  await d?.stop();
  await server?.stop();
});

const outbox = async () => (await call(ws!, 'outbox.status')).result as { total: number; platform: { link: string } };

describe('platform outage and recovery (real daemon, http platform)', () => {
  it('submissions accepted while the platform is down are delivered once it is back: each exactly once, in order per kind', async () => {
    server = await new PlatformServer().start();
    d = await spawnDaemon({ config: { platform: { mode: 'http', baseUrl: server.baseUrl, timeoutMs: 1000, retry: { baseMs: 20, maxMs: 200 } } } });
    ws = await d.connect();
    const accepted: Array<{ kind: string; caseNo: string }> = [];
    const submit = async (n: number) => {
      const a = args(n);
      const r = await call(ws!, 'submission.submit', a);
      expect(r.ok, JSON.stringify(r.error)).toBe(true);
      accepted.push({ kind: a.kind, caseNo: r.result.caseNo });
    };

    for (let n = 0; n < 3; n++) await submit(n);
    await waitUntil(async () => (await outbox()).total === 0, { timeoutMs: 10_000, what: 'the first three delivered' });
    expect(server.order).toHaveLength(3);

    await server.down();
    for (let n = 3; n < 12; n++) await submit(n);
    const whileDown = await waitUntil(
      async () => {
        const s = await outbox();
        return s.platform.link === 'down' && s;
      },
      { timeoutMs: 10_000, what: 'the link reported down' },
    );
    expect(whileDown.total).toBe(9);

    await server.up();
    await waitUntil(async () => (await outbox()).total === 0, { timeoutMs: 20_000, what: 'the queue drained after the platform came back' });
    const delivered = server.bodies();
    expect(delivered).toHaveLength(12);
    expect(new Set(server.order).size).toBe(12);
    for (const kind of kinds) expect(delivered.filter((b) => b.kind === kind).map((b) => b.caseNo)).toEqual(accepted.filter((a) => a.kind === kind).map((a) => a.caseNo));
    expect((await outbox()).platform.link).toBe('up');
  }, 60_000);
});
