import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, spawnDaemon, type SpawnedDaemon } from '../../helpers/daemon';

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

  const insert = (card: string) =>
    fetch(`${d!.url}sim/idCardReader/insertCard`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ param: card }) });

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

  it('a page that stops talking while a card is held is wiped after the idle timeout + warning', async () => {
    d = await spawnDaemon({ config: { session: { idleTimeoutSeconds: 30, warningSeconds: 20 } } });
    const page = await readOn('resident-valid');
    const t0 = Date.now();
    // Nothing is sent; the daemon's watch must act on its own (≥ 55 s).
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error('no idle wipe within 100 s')), 100_000);
      const tick = setInterval(() => {
        if (/idleDeadline/.test(logOf(d!))) {
          clearInterval(tick);
          clearTimeout(deadline);
          resolve();
        }
      }, 500);
    });
    const took = Date.now() - t0;
    console.log(`idle wipe after ${took} ms (idle 30 s + warning 20 s + 5 s grace, checked every 5 s)`);
    expect(took).toBeGreaterThanOrEqual(50_000);
    const r = await call(page, 'records.query', { recordType: 'pension' });
    expect(r.error?.code).toBe('noSession');
    page.close();
  }, 130_000);
});
