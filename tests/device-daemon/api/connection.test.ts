import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { formatCaseNumber } from '../../../contract/domain/case-number';
import { ApiLimits } from '../../../device-daemon/config/schema';
import { call, useDaemon, type SpawnedDaemon } from '../../helpers/daemon';
import { waitUntil } from '../../helpers/wait';

const LIMITS = ApiLimits.parse({});
const FLOOD_BUFFER = 1_048_576;
const logOf = (d: SpawnedDaemon) => {
  const f = join(d.dataDir, 'log', 'daemon.log');
  return existsSync(f) ? readFileSync(f, 'utf8') : '';
};
/** The daemon's resident set size, MB (Linux). */
const rssMb = (d: SpawnedDaemon) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${d.proc.pid}/status`, 'utf8'))![1]) / 1024;
const frame = (id: string, name: string, args: unknown = {}) => JSON.stringify({ kind: 'command', id, name, args });

/** Every completion that arrives on `ws`, by id. */
function completions(ws: WebSocket): Map<string, Record<string, any>> {
  const got = new Map<string, Record<string, any>>();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as Record<string, any>;
    if (msg.kind === 'completion') got.set(msg.id, msg);
  });
  return got;
}

// The flood as it was found: a client sends 1,500 catalog.get and never reads
// its socket. It drove the daemon from 127 MB to 1.16 GB and stalled /health
// for 5–24 s. Now what waits for a reader is bounded and the flooder is cut.
describe('a client that floods the API and never reads', () => {
  // Its own daemon (the flood is not shared with other tests); its connection is the well-behaved page.
  // The command rate is lifted so that every flooded command is answered in full: with the shipped 10/s
  // the answers trickle out and the kernel's loopback buffers (several MB) can hold them all, so what is
  // under test here — the cut once unread answers pass maxBufferedBytes (its minimum, 1 MB) — never triggered.
  const live = useDaemon({ beforeAll, afterAll }, { config: { server: { limits: { commandsPerSecond: 1000, commandBurst: 10000, maxBufferedBytes: FLOOD_BUFFER } } } });

  it('leaves memory bounded, /health and a well-behaved page answering, and is disconnected once its unread answers pass the limit', async () => {
    const d = live.daemon();
    const good = live.ws();
    for (let i = 0; i < 3; i++) expect((await call(good, 'catalog.get')).ok).toBe(true);
    const baseline = rssMb(d);
    const bound = baseline + 100;

    const flood = await d.connect();
    // It stops reading: nothing the daemon sends it is taken off the socket.
    (flood as unknown as { _socket: import('node:net').Socket })._socket.pause();
    for (let i = 0; i < 1500; i++) flood.send(frame(`f${i}`, 'catalog.get'));

    const healthMs: number[] = [];
    const pingMs: number[] = [];
    let peak = baseline;
    // While it runs: /health and the good page's pings, until the daemon says it cut the flooder (or memory runs away).
    await waitUntil(
      async () => {
        const h0 = performance.now();
        expect((await fetch(`${d.url}health`)).status).toBe(200);
        healthMs.push(performance.now() - h0);
        const p0 = performance.now();
        expect((await call(good, 'system.ping')).ok).toBe(true);
        pingMs.push(performance.now() - p0);
        peak = Math.max(peak, rssMb(d));
        return peak > bound || /API connection cut/.test(logOf(d));
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'the flooding connection to be cut' },
    );
    console.log(
      `flood of 1,500 catalog.get from a client that does not read: RSS ${baseline.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB; ` +
        `/health max ${Math.max(...healthMs).toFixed(0)} ms, ping max ${Math.max(...pingMs).toFixed(0)} ms over ${healthMs.length} probes`,
    );
    expect(peak).toBeLessThan(bound);
    expect(Math.max(...healthMs)).toBeLessThan(2000);
    expect(Math.max(...pingMs)).toBeLessThan(2000);
    const cut = logOf(d)
      .split('\n')
      .find((l) => l.includes('API connection cut'));
    expect(JSON.parse(cut!)).toMatchObject({ maxBufferedBytes: FLOOD_BUFFER });
    expect(JSON.parse(cut!).bufferedBytes).toBeGreaterThan(FLOOD_BUFFER);
    // The page that reads its answers was never limited by the other's flood.
    expect((await call(good, 'catalog.get')).ok).toBe(true);
    flood.terminate();
  }, 90_000);
});

describe('limits of one connection', () => {
  const live = useDaemon({ beforeAll, afterAll });

  it('commands over the rate are answered tooManyRequests at once, every one is answered, and another connection is not affected', async () => {
    const ws = await live.daemon().connect();
    const got = completions(ws);
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) ws.send(frame(`p${i}`, 'system.ping'));
    await waitUntil(() => got.size === 200, { timeoutMs: 10_000, what: '200 answers' });
    const elapsedSec = (performance.now() - t0) / 1000;
    const answers = [...got.values()];
    const ran = answers.filter((c) => c.ok).length;
    const refused = answers.filter((c) => !c.ok);
    console.log(`200 pings at once: ${ran} ran, ${refused.length} refused in ${(elapsedSec * 1000).toFixed(0)} ms`);
    expect(ran).toBeGreaterThanOrEqual(LIMITS.commandBurst);
    expect(ran).toBeLessThanOrEqual(LIMITS.commandBurst + Math.ceil(LIMITS.commandsPerSecond * elapsedSec) + 1);
    for (const c of refused) expect(c.error).toMatchObject({ code: 'tooManyRequests', detail: { retryAfterMs: expect.any(Number) } });
    const other = await live.daemon().connect();
    expect((await call(other, 'system.ping')).ok).toBe(true);
    ws.close();
    other.close();
  });

  it('case numbers cannot be enumerated: lookups by number beyond a typo burst are refused, and a lookup by card is not counted', async () => {
    const ws = await live.daemon().connect();
    const got = completions(ws);
    const t0 = performance.now();
    // The day's numbers in sequence, as an enumeration would walk them (fewer than the command burst, so only the lookup limit applies).
    const n = 30;
    for (let seq = 1; seq <= n; seq++) ws.send(frame(`q${seq}`, 'case.progress', { caseNo: formatCaseNumber({ terminalId: 'WD0001', date: '20250602', seq }) }));
    await waitUntil(() => got.size === n, { timeoutMs: 10_000, what: `${n} answers` });
    const elapsedSec = (performance.now() - t0) / 1000;
    const looked = [...got.values()].filter((c) => c.ok || c.error.code !== 'tooManyRequests').length;
    console.log(`${n} lookups by case number at once: ${looked} looked up, ${n - looked} refused in ${(elapsedSec * 1000).toFixed(0)} ms`);
    expect(looked).toBeGreaterThanOrEqual(LIMITS.caseLookupBurst);
    expect(looked).toBeLessThanOrEqual(LIMITS.caseLookupBurst + Math.ceil(LIMITS.caseLookupsPerSecond * elapsedSec) + 1);
    expect([...got.values()].find((c) => c.error?.code === 'tooManyRequests')?.error.message).toMatch(/case number/);
    // "My cases" by card is not a lookup by number: the same connection may still ask it (no card here: noSession).
    expect((await call(ws, 'case.progress', { byCard: true })).error?.code).toBe('noSession');
    ws.close();
  });
});
