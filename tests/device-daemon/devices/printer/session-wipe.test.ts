import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { call, type SpawnedDaemon, useDaemon } from '../../../helpers/daemon';
import { applicationArgs } from '../../capabilities/harness';
import { waitUntil } from '../../../helpers/wait';

// The simulated printer's emulator keeps its last rendered pages (printer.lastJobs). A receipt names the
// resident (masked) and carries the case number: it must not be readable once the session is over.
describe('rendered printer pages end with the session', () => {
  const rig = useDaemon({ beforeAll, afterAll });
  let d: SpawnedDaemon;
  let ws: WebSocket;
  beforeAll(() => {
    d = rig.daemon();
    ws = rig.ws();
  });

  const sim = (device: string, action: string, param?: string) => d.sim(device, action, param);
  const jobs = async () => (await call(ws, 'printer.lastJobs', { limit: 20 })).result.jobs as Array<{ lines: string[] }>;

  async function printReceipt(): Promise<string> {
    const read = call(ws, 'card.read', { timeoutMs: 20_000 });
    await sim('idCardReader', 'insertCard', 'resident-young');
    expect((await read).ok).toBe(true);
    expect((await call(ws, 'consent.record', { purpose: 'apply', textVersion: 'apply-test' })).ok).toBe(true);
    const sub = await call(ws, 'submission.submit', applicationArgs());
    expect(sub.ok, JSON.stringify(sub.error)).toBe(true);
    const r = await call(ws, 'receipt.print', { caseNo: sub.result.caseNo });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    return sub.result.caseNo;
  }

  it('session.end forgets the rendered receipt (and says so)', async () => {
    const caseNo = await printReceipt();
    const during = await jobs();
    expect(during.at(-1)!.lines.join('\n')).toContain(caseNo);
    expect(during.at(-1)!.lines.join('\n')).toContain('石*');
    const end = await call(ws, 'session.end', { reason: 'user' });
    expect(end.result.wiped).toContain(`printer.renderedPages(${during.length})`);
    expect(await jobs()).toEqual([]);
    await sim('idCardReader', 'removeCard');
  });

  it('so does the wipe when the page that printed goes away without session.end', async () => {
    const page = ws;
    const caseNo = await printReceipt();
    expect((await jobs()).at(-1)!.lines.join('\n')).toContain(caseNo);
    const closed = new Promise((r) => page.once('close', r));
    page.close();
    await closed;
    ws = await d.connect();
    // The wipe follows the page's close; the emulator's pages are gone once it ran.
    await waitUntil(async () => (await jobs()).length === 0, { timeoutMs: 10_000, intervalMs: 50, what: 'the printed pages wiped' });
    await sim('idCardReader', 'removeCard');
  });
});
