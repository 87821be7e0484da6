import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RefusalLog } from '../../../device-daemon/api/refusal-log';
import { manualClock } from '../capabilities/harness';
import { useDaemon } from '../../helpers/daemon';
import { waitUntil } from '../../helpers/wait';

function capture() {
  const lines: Array<Record<string, any>> = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write: (c, _e, cb) => {
        lines.push(JSON.parse(c.toString()));
        cb();
      },
    }),
  );
  return { log, lines };
}

describe('refused API connections in the log', () => {
  it('the first refusals of a period are logged in full, the rest counted by status in one line when the period ends', () => {
    const clock = manualClock(0);
    const { log, lines } = capture();
    const refusals = new RefusalLog(log, clock, { first: 5, periodMs: 60_000 });
    for (let i = 0; i < 1000; i++) refusals.refused({ peer: '127.0.0.1', origin: `http://evil${i}.example`, status: i % 2 ? 401 : 403, reason: 'refused' });
    expect(lines).toHaveLength(5);
    expect(lines.every((l) => l.msg === 'API connection refused')).toBe(true);
    clock.advance(60_000);
    expect(lines).toHaveLength(6);
    expect(lines[5]).toMatchObject({ count: 995, byStatus: { 401: 498, 403: 497 }, periodSec: 60 });
    // A quiet period writes nothing; the next period logs its first refusals in full again.
    clock.advance(60_000);
    expect(lines).toHaveLength(6);
    refusals.refused({ peer: '127.0.0.1', origin: undefined, status: 401, reason: 'missing or wrong session token' });
    expect(lines).toHaveLength(7);
    refusals.stop();
  });
});

// A local client without a token retrying in a loop added about 1 MB/s of log.
describe('a client whose connections are refused over and over', () => {
  const live = useDaemon({ beforeAll, afterAll });

  it('1,000 refused upgrades add only a bounded number of log lines', async () => {
    const d = live.daemon();
    const logFile = join(d.dataDir, 'log', 'daemon.log');
    const lines = (re: RegExp) => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '').split('\n').filter((l) => re.test(l)).length;
    const refusedLines = () => lines(/API connections? refused/);
    const connectedLines = () => lines(/"msg":"UI connected"/);
    const before = refusedLines();
    const connectedBefore = connectedLines();
    const refuse = () =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${d.port}/api`, ['kiosk.v1'], { origin: d.origin });
        ws.once('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.once('error', () => resolve(-1));
      });
    let statuses: number[] = [];
    for (let batch = 0; batch < 50; batch++) statuses = statuses.concat(await Promise.all(Array.from({ length: 20 }, refuse)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(1000);
    // A connection that is admitted is logged after the refusals: once its line is there, so are theirs.
    const ok = await d.connect();
    await waitUntil(() => connectedLines() > connectedBefore, { what: 'the admitted connection in the log' });
    const added = refusedLines() - before;
    console.log(`1,000 refused upgrades added ${added} log lines`);
    expect(added).toBeLessThanOrEqual(10);
    ok.close();
  });
});
