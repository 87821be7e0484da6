import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSessionCapability, type SessionCapability } from '../../../../device-daemon/capabilities/session';
import { SessionWipe } from '../../../../device-daemon/capabilities/session/session-wipe';
import { startSimReader, waitState } from '../../devices/id-card/helpers';
import { manualClock, startHarness, testConfig } from '../harness';
import WebSocket from 'ws';
import { API_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../../../contract/api';
import { startDaemon, type Daemon } from '../../../../device-daemon/app';
import { call, nextEvent, spawnDaemon, useDaemon, writeTestConfig, type SpawnedDaemon } from '../../../helpers/daemon';
import { waitUntil } from '../../../helpers/wait';

/**
 * The simulated reader without the module's processing times (~1 s a read), polling for a card every 20 ms
 * rather than back to back, and for its removal every 50 ms (the least allowed): these tests are about whose
 * session a card is and when it is wiped; the reader's own timing is tested in tests/device-daemon/devices/id-card.
 */
const QUICK_READER = { devices: { idCardReader: { pollIntervalMs: 20, removalPollMs: 50, simulator: { timing: 'instant' } } } };

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
    // The daemon listens before its devices are up; a read asked of a reader still starting is refused (offline).
    await waitUntil(async () => (await call(ws, 'system.status')).result?.devices?.some((s: { device: string; state: string }) => s.device === 'idCardReader' && s.state === 'online'), {
      what: 'the reader online',
      timeoutMs: 10_000,
      intervalMs: 100,
    });
    const read = call(ws, 'card.read', { timeoutMs: 20_000 });
    await insert(card);
    const r = await read;
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    return ws;
  }

  it('the page that read a card goes away without session.end: the record is wiped when its connection closes', async () => {
    d = await spawnDaemon({ config: QUICK_READER });
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
    await waitUntil(() => /session data wiped/.test(logOf(d!)), { what: 'the wipe logged (the log is written asynchronously)' });
    next.close();
  });

  it('a new page that starts using the session while the old one’s socket lingers: the old record is wiped first', async () => {
    d = await spawnDaemon({ config: QUICK_READER });
    const old = await readOn('resident-young');
    expect((await call(old, 'case.progress', { byCard: true })).ok).toBe(true);
    // The old page is still connected (hung renderer); a new page opens and asks for "my cases".
    const fresh = await d.connect();
    expect((await call(fresh, 'case.progress', { byCard: true })).error?.code).toBe('noSession');
    expect((await call(fresh, 'records.query', { recordType: 'pension' })).error?.code).toBe('noSession');
    // ... and the old page cannot get at it either
    expect((await call(old, 'records.query', { recordType: 'pension' })).error?.code).toBe('noSession');
    await waitUntil(() => /newUiConnection/.test(logOf(d!)), { what: 'the takeover logged (the log is written asynchronously)' });
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
    d = await spawnDaemon({ config: QUICK_READER });
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

// A command's name is what JSON.parse makes of it: `records\u002equery` is
// records.query. A second page that spells a session command another way must
// take the session over (the first page's data wiped before it runs), exactly
// as the plain spelling does, and never read the live session.
describe('a session command spelt with JSON escapes is still a session command', () => {
  const live = useDaemon({ beforeAll, afterAll }, { config: QUICK_READER });

  /** A command frame written by hand: `name` and `nameKey` go into the JSON text as they are (escapes and all). */
  const frame = (id: string, nameKey: string, name: string, args: unknown) => `{"kind":"command","id":"${id}","${nameKey}":"${name}","args":${JSON.stringify(args)}}`;
  function send(ws: WebSocket, text: string, id: string): Promise<Record<string, any>> {
    return new Promise((resolve) => {
      const onMsg = (data: WebSocket.RawData) => {
        const msg = JSON.parse(data.toString()) as Record<string, any>;
        if (msg.kind === 'completion' && msg.id === id) {
          ws.off('message', onMsg);
          resolve(msg);
        }
      };
      ws.on('message', onMsg);
      ws.send(text);
    });
  }

  /** A resident's live session on page A: card read, then taken back (the record stays for the journey). */
  async function residentSession() {
    const d = live.daemon();
    const pageA = await d.connect();
    const read = call(pageA, 'card.read', { timeoutMs: 20_000 });
    await d.sim('idCardReader', 'insertCard', 'resident-valid');
    expect((await read).ok).toBe(true);
    const removed = nextEvent(pageA, (e) => e.name === 'card.removed');
    await d.sim('idCardReader', 'removeCard');
    await removed;
    expect((await call(pageA, 'records.query', { recordType: 'pension' })).ok).toBe(true);
    return pageA;
  }

  it.each([
    ['records.query', 'name', 'records.query', { recordType: 'pension' }],
    ['records.query', 'name', 'records\\u002equery', { recordType: 'pension' }],
    ['records.query', 'n\\u0061me', 'records.query', { recordType: 'pension' }],
    ['case.progress', 'name', 'case.progress', { byCard: true }],
    ['case.progress', 'name', 'case\\u002eprogress', { byCard: true }],
    ['card.read', 'name', 'card.read', { timeoutMs: 1000 }],
    ['card.read', 'name', 'card\\u002eread', { timeoutMs: 1000 }],
  ])('%s sent by a second page as "%s":"%s" takes the session over and reads nothing of the first page’s', async (_command, nameKey, name, args) => {
    const pageA = await residentSession();
    const pageB = await live.daemon().connect();
    const answer = await send(pageB, frame('attack', nameKey, name, args), 'attack');
    // The first resident's data was wiped before the command ran: nothing of it in the answer.
    expect(answer.ok).toBe(false);
    expect(answer.result).toBeUndefined();
    expect(JSON.stringify(answer)).not.toContain('林**');
    expect(['noSession', 'timeout', 'noCard']).toContain(answer.error.code);
    // ... and page A's session is gone too.
    expect((await call(pageA, 'records.query', { recordType: 'pension' })).error?.code).toBe('noSession');
    pageA.close();
    pageB.close();
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
    t.session.command(1, 'card.read');
    await t.readCard('resident-young');
    t.clock.advance(50_000);
    t.session.command(1, 'system.ping'); // the page is still talking
    t.clock.advance(55_000);
    expect(t.reader.device.sessionCard()).toBeDefined();
    t.clock.advance(5_000);
    expect(t.reader.device.sessionCard()).toBeUndefined();
    expect(t.log()).not.toContain('410403199011020030');
  });

  it('another connection’s traffic is not the resident’s: the owner goes silent while another socket pings, and the card is wiped at idle + warning + 5 s', async () => {
    const t = await setup();
    t.session.command(1, 'card.read');
    await t.readCard('resident-valid');
    // A second socket (a hung page's replacement, a technician's poll) pings every 5 s; it never touches the session.
    for (let elapsed = 0; elapsed < 55_000; elapsed += 5_000) {
      t.clock.advance(5_000);
      t.session.command(2, 'system.ping');
      t.session.command(2, 'system.status');
    }
    expect(t.reader.device.sessionCard()).toBeDefined(); // 55 s: the deadline is not over yet
    t.clock.advance(5_000);
    t.session.command(2, 'system.ping');
    expect(t.reader.device.sessionCard()).toBeUndefined();
    expect(t.wipedLines()).toEqual([expect.objectContaining({ why: 'idleDeadline', wiped: ['idCardReader.cardRecord'] })]);
  });

  it('the wall clock set an hour on (an NTP correction) while a card is held: wiped once, at the next check, not again', async () => {
    const t = await setup();
    t.session.command(1, 'card.read');
    await t.readCard('resident-valid');
    t.clock.advance(10_000);
    t.clock.jump(60 * 60_000); // no timer runs in between
    expect(t.reader.device.sessionCard()).toBeDefined();
    t.clock.advance(5_000); // the next check
    expect(t.reader.device.sessionCard()).toBeUndefined();
    t.clock.advance(120_000); // the checks after it find nothing left to wipe
    expect(t.wipes()).toBe(1);
    expect(t.wipedLines()).toEqual([expect.objectContaining({ why: 'idleDeadline' })]);
  });

  it('the wall clock set an hour back while a card is held: not wiped early, and wiped once idle + warning + 5 s have passed on the timers (one check late at most)', async () => {
    const t = await setup();
    t.session.command(1, 'card.read');
    await t.readCard('resident-valid');
    t.clock.advance(10_000);
    t.clock.jump(-60 * 60_000);
    t.clock.advance(45_000); // 55 s since the last command
    expect(t.reader.device.sessionCard()).toBeDefined();
    expect(t.wipes()).toBe(0);
    t.clock.advance(10_000); // 65 s: the deadline, and one check more
    expect(t.reader.device.sessionCard()).toBeUndefined();
    expect(t.wipes()).toBe(1);
    expect(t.wipedLines()).toEqual([expect.objectContaining({ why: 'idleDeadline' })]);
  });

  it('a session command from another connection takes the session over: the held card is wiped before it runs, and the new page’s commands are the activity from then on', async () => {
    const t = await setup();
    t.session.command(1, 'card.read');
    await t.readCard('resident-valid');
    t.session.command(2, 'records.query');
    expect(t.reader.device.sessionCard()).toBeUndefined();
    expect(t.wipedLines()).toEqual([expect.objectContaining({ why: 'newUiConnection' })]);
    // The old page closing does not wipe the new owner's session; the new owner closing does.
    t.session.command(2, 'card.read');
    await t.readCard('resident-young');
    t.session.disconnected(1);
    expect(t.reader.device.sessionCard()).toBeDefined();
    t.session.disconnected(2);
    expect(t.reader.device.sessionCard()).toBeUndefined();
  });
});

// The same watch in the whole daemon, in-process: the real server, router and
// reader simulator, real WebSocket connections, the daemon's clock moved by
// the test. The page that read the card goes silent; another connection
// keeps pinging. Only the owner's commands count as the resident's activity.
describe('idle watch in the running daemon: another connection’s pings do not keep a card alive', () => {
  let daemon: Daemon | undefined;
  const sockets: WebSocket[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await daemon?.stop();
    daemon = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('the card read by a page that went silent is wiped at idle + warning + 5 s while a second socket pings every 5 s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-idle-'));
    dirs.push(dir);
    const clock = manualClock(Date.parse('2025-06-02T09:00:00+08:00'));
    const configPath = writeTestConfig(dir, { session: { idleTimeoutSeconds: 30, warningSeconds: 20 }, ...QUICK_READER });
    daemon = await startDaemon({ configPath, port: 0, dataDir: dir, quiet: true, clock });
    const origin = daemon.url.replace(/\/$/, '');
    const open = async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${daemon!.port}/api`, [API_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${daemon!.token}`], { origin });
      sockets.push(ws);
      await new Promise((r, j) => ws.once('open', r).once('error', j));
      return ws;
    };
    const reader = () => daemon!.registry.get('idCardReader') as unknown as { sessionCard(): unknown };
    const idleWipes = () =>
      readFileSync(join(dir, 'log', 'daemon.log'), 'utf8')
        .split('\n')
        .filter((l) => l.includes('idleDeadline')).length;

    const owner = await open();
    await waitUntil(() => daemon!.registry.statuses().find((s) => s.device === 'idCardReader')?.state === 'online', { what: 'the reader online', timeoutMs: 10_000 });
    const read = call(owner, 'card.read', { timeoutMs: 20_000 });
    await fetch(`${daemon.url}sim/idCardReader/insertCard`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ param: 'resident-valid' }) });
    expect((await read).ok).toBe(true);

    const other = await open();
    for (let elapsed = 0; elapsed < 55_000; elapsed += 5_000) {
      clock.advance(5_000);
      // Each ping's answer means the daemon has handled it (and counted it, or not) before the clock moves on.
      expect((await call(other, 'system.ping')).ok).toBe(true);
    }
    expect(reader().sessionCard()).toBeDefined();
    expect(idleWipes()).toBe(0);
    clock.advance(5_000);
    expect(reader().sessionCard()).toBeUndefined();
    // The log is written asynchronously: wait for the wipe's line, then it is the only one.
    await waitUntil(() => idleWipes() >= 1, { what: 'the idle wipe logged' });
    expect(idleWipes()).toBe(1);
  });
});
