import { connectAsync } from 'mqtt';
import { waitUntil } from '../../tests/helpers/wait';
import { startBroker } from './broker';
import { VirtualTerminal } from './virtual-terminal';

export interface FleetSimOptions {
  terminals: number;
  /** Telemetry period of each terminal (a terminal's default is 60 s; the simulator scales it down to load the broker). */
  periodMs: number;
  /** How long the terminals publish. */
  durationMs: number;
  /** An existing broker; default: a Mosquitto started for the run on a loopback port. */
  url?: string;
  onProgress?: (line: string) => void;
}

export interface FleetSimResult {
  terminals: number;
  periodMs: number;
  published: number;
  /** Telemetry the terminals took per second (offered: terminals × 1000 / periodMs; lower when this process cannot keep up). */
  publishedPerSec: number;
  /** Distinct (terminal, sequence) pairs the subscriber received. */
  delivered: number;
  duplicates: number;
  ratio: number;
  messagesPerSec: number;
  latencyMs: { p50: number; p95: number; max: number };
  /** RSS and heap growth of this process per terminal, once all were connected and had published. */
  rssPerTerminalKb: number;
  heapPerTerminalKb: number;
  connectMs: number;
}

const START_BATCH = 25;
const START_GAP_MS = 100;

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/**
 * N virtual terminals (the real fleet link each) in this process against
 * one broker, and a subscriber playing the platform that measures delivery:
 * every message counted once by terminal and sequence, latency from the
 * moment the telemetry was taken to its arrival.
 */
export async function runFleetSim(o: FleetSimOptions): Promise<FleetSimResult> {
  const log = o.onProgress ?? (() => {});
  const broker = o.url ? undefined : await startBroker({ logAll: false });
  const url = o.url ?? broker!.url;
  const seen = new Set<number>();
  const latencies: number[] = [];
  let duplicates = 0;
  let firstAt = 0;
  let lastAt = 0;
  const sub = await connectAsync(url, { clientId: `fleet-sim-platform-${process.pid}`, reconnectPeriod: 1000 });
  sub.on('message', (_topic, payload) => {
    const now = performance.timeOrigin + performance.now();
    const v = (JSON.parse(payload.toString('utf8')) as { values: Record<string, number> }).values;
    const key = v['sim.terminal']! * 1e9 + v['sim.seq']!;
    if (seen.has(key)) return void duplicates++;
    seen.add(key);
    latencies.push(now - v['sim.takenAt']!);
    firstAt ||= now;
    lastAt = now;
  });
  await sub.subscribeAsync('v1/devices/me/telemetry', { qos: 1 });

  global.gc?.();
  const before = process.memoryUsage();
  const fleet = Array.from({ length: o.terminals }, (_, i) => new VirtualTerminal(i, url));
  const t0 = performance.now();
  // Started in batches, as a district's terminals boot (after a broker outage their backoff jitter spreads them the same way).
  for (let i = 0; i < fleet.length; i += START_BATCH) {
    for (const t of fleet.slice(i, i + START_BATCH)) t.start();
    await new Promise((r) => setTimeout(r, START_GAP_MS));
  }
  await waitUntil(() => fleet.filter((t) => t.link.status().state === 'connected').length === o.terminals || undefined, {
    timeoutMs: 60_000,
    what: `every virtual terminal connected (${o.terminals})`,
    intervalMs: 50,
  }).catch((e: Error) => {
    const up = fleet.filter((t) => t.link.status().state === 'connected').length;
    const errors = [...new Set(fleet.map((t) => t.link.status().lastError).filter(Boolean))].slice(0, 3);
    throw new Error(`${e.message}: ${up} connected; errors: ${errors.join(' | ')}`);
  });
  const connectMs = performance.now() - t0;
  log(`${o.terminals} terminals connected in ${connectMs.toFixed(0)} ms`);

  // Spread over the period, as real terminals started at different times are.
  const tPublish = performance.now();
  const timers = fleet.map((t, i) => setTimeout(() => timers.push(setInterval(() => t.tick(), o.periodMs) as unknown as NodeJS.Timeout), (i * o.periodMs) / o.terminals));
  await new Promise((r) => setTimeout(r, Math.min(o.durationMs / 2, 5000)));
  global.gc?.();
  const during = process.memoryUsage();
  await new Promise((r) => setTimeout(r, Math.max(0, o.durationMs - Math.min(o.durationMs / 2, 5000))));
  for (const t of timers) clearTimeout(t);
  const publishedPerSec = (fleet.reduce((n, t) => n + t.published, 0) / (performance.now() - tPublish)) * 1000;
  const published = fleet.reduce((n, t) => n + t.published, 0);
  log(`published ${published}; waiting for delivery`);
  await waitUntil(() => fleet.every((t) => t.queued() === 0) && seen.size >= published, { timeoutMs: 60_000, what: 'every published message delivered', intervalMs: 50 }).catch((e: Error) =>
    log(e.message),
  );

  await Promise.all(fleet.map((t) => t.stop()));
  await sub.endAsync();
  await broker?.stop();
  latencies.sort((a, b) => a - b);
  return {
    terminals: o.terminals,
    periodMs: o.periodMs,
    published,
    publishedPerSec,
    delivered: seen.size,
    duplicates,
    ratio: published ? seen.size / published : Number.NaN,
    messagesPerSec: lastAt > firstAt ? (seen.size / (lastAt - firstAt)) * 1000 : Number.NaN,
    latencyMs: { p50: pct(latencies, 50), p95: pct(latencies, 95), max: latencies.at(-1) ?? Number.NaN },
    rssPerTerminalKb: (during.rss - before.rss) / 1024 / o.terminals,
    heapPerTerminalKb: (during.heapUsed - before.heapUsed) / 1024 / o.terminals,
    connectMs,
  };
}

export function formatFleetSim(r: FleetSimResult): string {
  return [
    `terminals ${r.terminals}, period ${r.periodMs} ms: published ${r.published}, delivered ${r.delivered} (ratio ${r.ratio.toFixed(4)}, duplicates ${r.duplicates})`,
    `  taken ${r.publishedPerSec.toFixed(0)}/s (offered ${((r.terminals * 1000) / r.periodMs).toFixed(0)}/s); received ${r.messagesPerSec.toFixed(0)} messages/s; taken → received p50 ${r.latencyMs.p50.toFixed(1)} ms, p95 ${r.latencyMs.p95.toFixed(1)} ms, max ${r.latencyMs.max.toFixed(0)} ms`,
    `  client memory per terminal: RSS ${r.rssPerTerminalKb.toFixed(0)} KB, heap ${r.heapPerTerminalKb.toFixed(0)} KB; all connected in ${r.connectMs.toFixed(0)} ms`,
  ].join('\n');
}
