import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionCapability, type SessionCapability } from '../../../../device-daemon/capabilities/session';
import { SessionWipe } from '../../../../device-daemon/capabilities/session/session-wipe';
import { startSimReader, waitState } from '../../devices/id-card/helpers';
import { manualClock, startHarness, testConfig } from '../harness';
import { call, spawnDaemon, type SpawnedDaemon } from '../../../helpers/daemon';

const logOf = (d: SpawnedDaemon) => {
  const f = join(d.dataDir, 'log', 'daemon.log');
  return existsSync(f) ? readFileSync(f, 'utf8') : '';
};

// A card record must not outlive the page that read it, even when the page
// never sends session.end (crashed tab, pulled cable, hung renderer).
describe('session data never outlives its page', () => {
  let d: SpawnedDaemon | undefined;
  afterEach(async () => {
    await d?.stop();
    d = undefined;
  });

  const insert = (card: string) => fetch(`${d!.url}sim/idCardReader/insertCard`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ param: card }) });

  async function readOn(card: string) {
    const ws = await d!.connect();
    const read = call(ws, 'card.read', { timeoutMs: 20_000 });
    await insert(card);
    expect((await read).ok).toBe(true);
    return ws;
  }

  it('the page that read a card goes away without session.end: the record is wiped when its connection closes', async () => {
    d = await spawnDaemon();
    const page = await readOn('resident-young');
    // While the page is there, the session is the person's.
    expect((await call(page, 'case.progress', { byCard: true })).ok).toBe(true);
    const closed = new Promise((r) => page.once('close', r));
    page.close();
    await closed;
    const next = await d.connect();
    // Poll: the wipe runs on the daemon's side of the close.
    let r = await call(next, 'records.query', { recordType: 'pension' });
    for (let i = 0; i < 50 && r.ok !== false; i++) r = await call(next, 'records.query', { recordType: 'pension' });
    expect(r.error?.code).toBe('noSession');
    expect((await call(next, 'case.progress', { byCard: true })).error?.code).toBe('noSession');
    expect(logOf(d)).toMatch(/session data wiped/);
    next.close();
  });

  it('a new page that starts using the session while the old one’s socket lingers: the old record is wiped first', async () => {
    d = await spawnDaemon();
    const old = await readOn('resident-young');
    expect((await call(old, 'case.progress', { byCard: true })).ok).toBe(true);
    // The old page is still connected (hung renderer); a new page opens and asks for "my cases".
    const fresh = await d.connect();
    expect((await call(fresh, 'case.progress', { byCard: true })).error?.code).toBe('noSession');
    expect((await call(fresh, 'records.query', { recordType: 'pension' })).error?.code).toBe('noSession');
    // ... and the old page cannot get at it either
    expect((await call(old, 'records.query', { recordType: 'pension' })).error?.code).toBe('noSession');
    expect(logOf(d)).toMatch(/newUiConnection/);
    // The new page reads its own card; the old socket finally closing does not wipe the new page's session.
    fresh.close();
    const page = await readOn('resident-valid');
    const closed = new Promise((r) => old.once('close', r));
    old.close();
    await closed;
    expect((await call(page, 'case.progress', { byCard: true })).ok).toBe(true);
    page.close();
  });

  it('a technician’s connection that never touched the session does not wipe a resident’s card', async () => {
    d = await spawnDaemon();
    const page = await readOn('resident-valid');
    const cli = await d.connect();
    expect((await call(cli, 'system.status', {})).ok).toBe(true);
    const closed = new Promise((r) => cli.once('close', r));
    cli.close();
    await closed;
    expect((await call(page, 'case.progress', { byCard: true })).ok).toBe(true);
    page.close();
  });
});

// The idle watch in-process: the real session capability and the real reader
// (on its byte-level simulator), the daemon's clock replaced by one the test
// moves, so the 55 s deadline takes milliseconds.
describe('idle watch: a page that stops talking while a card is held', () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  async function setup() {
    const reader = await startSimReader();
    await waitState(reader.device, 'online');
    let wipes = 0;
    const wipe = new SessionWipe({
      wipeSession: () => {
        wipes++;
        return reader.device.wipeSession();
      },
    });
    const clock = manualClock(Date.parse('2025-06-02T09:00:00+08:00'));
    let logText = '';
    const log = pino(
      { level: 'info' },
      new Writable({
        write: (c, _e, cb) => {
          logText += c.toString();
          cb();
        },
      }),
    );
    const { config, dir } = testConfig({ session: { idleTimeoutSeconds: 30, warningSeconds: 20 } });
    let session: SessionCapability | undefined;
    const h = startHarness({
      config,
      dir,
      clock,
      log,
      sessionCard: reader.device,
      capabilities: (ctx) => {
        session = createSessionCapability(ctx, wipe);
        return [session];
      },
    });
    stops.push(
      () => h.stop(),
      () => reader.device.stop(),
    );
    const readCard = async (card: string) => {
      const read = reader.device.read(5000);
      await reader.device.simulator!.perform('insertCard', card);
      await read;
    };
    const wipedLines = () =>
      logText
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { msg: string })
        .filter((e) => e.msg === 'session data wiped');
    return { reader, clock, session: session!, readCard, wipes: () => wipes, log: () => logText, wipedLines };
  }

  it('is wiped once idle timeout + warning + 5 s have passed without a command, and not a tick before', async () => {
    const t = await setup();
    await t.readCard('resident-valid');
    expect(t.reader.device.sessionCard()?.identity?.name).toBe('林晓禾');
    t.clock.advance(55_000); // 30 s idle + 20 s warning + 5 s grace: not yet over
    expect(t.reader.device.sessionCard()).toBeDefined();
    expect(t.wipes()).toBe(0);
    t.clock.advance(5_000); // the next check (every 5 s) finds the deadline passed
    expect(t.reader.device.sessionCard()).toBeUndefined();
    expect(t.wipes()).toBe(1);
    expect(t.wipedLines()).toEqual([expect.objectContaining({ why: 'idleDeadline', wiped: ['idCardReader.cardRecord'] })]);
  });

  it('every command restarts the deadline; with no card held the watch wipes nothing', async () => {
    const t = await setup();
    t.clock.advance(120_000);
    expect(t.wipes()).toBe(0); // nothing held: nothing to wipe
    expect(t.wipedLines()).toEqual([]);
    await t.readCard('resident-young');
    t.session.activity();
    t.clock.advance(50_000);
    t.session.activity(); // the page is still talking
    t.clock.advance(55_000);
    expect(t.reader.device.sessionCard()).toBeDefined();
    t.clock.advance(5_000);
    expect(t.reader.device.sessionCard()).toBeUndefined();
    expect(t.log()).not.toContain('410403199011020030');
  });
});
