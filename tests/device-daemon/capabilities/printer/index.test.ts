import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { call, nextEvent, type SpawnedDaemon, useDaemon } from '../../../helpers/daemon';
import { SAMPLES } from '../../../../device-daemon/devices/printer/layouts';
import { applicationArgs } from '../harness';

// The real daemon process with the shipped config (simulated printer on the emulator).
const rig = useDaemon({ beforeAll, afterAll });
let d: SpawnedDaemon;
let ws: WebSocket;
beforeAll(() => {
  d = rig.daemon();
  ws = rig.ws();
});

const sim = (action: string, param?: string) => call(ws, 'sim.control', { device: 'printer', action, ...(param ? { param } : {}) });
const lastJobs = async (limit = 20) => (await call(ws, 'printer.lastJobs', { limit })).result.jobs as Array<{ lines: string[]; qr: string[]; incomplete: boolean; svg?: string }>;
/** 最低生活保障审核确认: its notice prints the guide URL of its (synthetic) code and never the code itself. */
const NOTICE_ITEM = 'WD-KIOSK-028';

describe('printer through the real daemon', () => {
  it('prints the one-time notice of an item by its id; events follow the job; the emulator shows the daemon’s text and guide QR', async () => {
    const events: Array<{ state: string }> = [];
    const onMsg = (raw: WebSocket.RawData) => {
      const m = JSON.parse(raw.toString()) as { kind: string; name: string; data: { state: string } };
      if (m.kind === 'event' && m.name === 'printer.job') events.push(m.data);
    };
    ws.on('message', onMsg);
    const res = await call(ws, 'printer.print', { layout: 'oneTimeNotice', itemId: NOTICE_ITEM });
    ws.off('message', onMsg);
    expect(res.ok, JSON.stringify(res.error)).toBe(true);
    expect(res.result).toMatchObject({ state: 'done', layout: 'oneTimeNotice' });
    expect(res.result.jobId).toMatch(/^pj-/);
    expect(events.map((e) => e.state)).toEqual(['queued', 'checking', 'sending', 'awaitingCompletion', 'done']);
    const last = await call(ws, 'printer.lastJobs', { limit: 1, svg: true });
    const job = last.result.jobs[0];
    const text = job.lines.join('\n');
    expect(text).toContain('最低生活保障审核确认');
    expect(text).toContain('25个工作日');
    expect(text).not.toContain('SIM-410403'); // synthetic code never printed
    const notice = (await call(ws, 'catalog.notice', { itemId: NOTICE_ITEM })).result;
    expect(job.qr).toEqual([notice.guideUrl]);
    expect(job.svg).toMatch(/^<svg/);
    const health = (await (await fetch(`${d.url}health`)).json()) as { printer: { counters: { printed: number } } };
    expect(health.printer.counters.printed).toBe(1);
    const unknown = await call(ws, 'printer.print', { layout: 'oneTimeNotice', itemId: 'WD-NOPE' });
    expect(unknown.error.code).toBe('notFound');
  });

  it('paper out mid-job fails with paperOut, the jobId and an incomplete outcome; status event says paper out; after loading, one 补打', async () => {
    expect((await sim('paperOut', 'afterLines=6')).ok).toBe(true);
    const statusEvent = nextEvent(ws, (e) => e.name === 'device.status' && e.data.device === 'printer' && e.data.detail.paper === 'out' && e.data.state === 'hardwareError');
    const res = await call(ws, 'printer.print', { layout: 'oneTimeNotice', itemId: NOTICE_ITEM });
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('paperOut');
    expect(res.error.detail).toEqual({ jobId: expect.stringMatching(/^pj-/), outcome: 'incomplete' });
    const jobId = res.error.detail.jobId as string;
    expect((await statusEvent).data.reason).toBe('printer out of paper');
    const again = await call(ws, 'printer.print', { layout: 'oneTimeNotice', itemId: NOTICE_ITEM });
    expect(again.error.code).toBe('paperOut'); // still out: refused before sending
    const loaded = await sim('paperLoad');
    expect(loaded.result.status).toMatchObject({ state: 'online', detail: { paper: 'full' } });
    const re = await call(ws, 'printer.reprint', { jobId });
    expect(re.ok).toBe(true);
    expect(re.result).toMatchObject({ state: 'done', reprintOf: jobId });
    const last = await call(ws, 'printer.lastJobs', { limit: 1 });
    expect(last.result.jobs[0].lines.slice(0, 2)).toEqual(['一次性告知单', '【补打】']);
    const twice = await call(ws, 'printer.reprint', { jobId });
    expect(twice.error.code).toBe('reprintNotAllowed');
    const unknown = await call(ws, 'printer.reprint', { jobId: 'pj-nope-0000' });
    expect(unknown.error.code).toBe('jobNotFound');
  });

  it('printer.reprint is a session command: a second page cannot reprint the resident’s receipt (its reprint takes the session over, and the session’s jobs go with it)', async () => {
    const read = call(ws, 'card.read', { timeoutMs: 20_000 });
    await d.sim('idCardReader', 'insertCard', 'resident-young');
    expect((await read).ok).toBe(true);
    expect((await call(ws, 'consent.record', { purpose: 'apply', textVersion: 'apply-test' })).ok).toBe(true);
    const sub = await call(ws, 'submission.submit', applicationArgs());
    expect(sub.ok, JSON.stringify(sub.error)).toBe(true);
    const receipt = await call(ws, 'receipt.print', { caseNo: sub.result.caseNo });
    expect(receipt.ok, JSON.stringify(receipt.error)).toBe(true);
    expect((await lastJobs(1))[0]!.lines[0]).toBe('受理回执');

    const other = await d.connect();
    const re = await call(other, 'printer.reprint', { jobId: receipt.result.jobId });
    expect(re.ok).toBe(false);
    expect(re.error.code).toBe('jobNotFound');
    // Nothing printed: no 补打 came out (and the session's rendered pages went with the takeover).
    expect((await lastJobs(20)).filter((j) => j.lines.includes('【补打】'))).toEqual([]);
    // and the first page's session is gone with it
    expect((await call(ws, 'case.progress', { byCard: true })).error?.code).toBe('noSession');
    other.close();
    await call(ws, 'session.end', { reason: 'user' });
    await d.sim('idCardReader', 'removeCard');
  });

  it('unplugged: printing fails with a clean code; replug brings it back; test page prints (printer.testPage and printer.print alike)', async () => {
    const un = await sim('unplug');
    expect(['offline', 'noDevice']).toContain(un.result.status.state);
    const res = await call(ws, 'printer.testPage', {});
    expect(['offline', 'noDevice']).toContain(res.error.code);
    const re = await sim('replug');
    expect(re.result.status, JSON.stringify(re.result.status)).toMatchObject({ state: 'online' });
    const page = await call(ws, 'printer.testPage', {});
    expect(page.result.state).toBe('done');
    expect((await lastJobs(1))[0]!.lines).toContain('中文打印测试 金额：￥1,234.50');
    const viaPrint = await call(ws, 'printer.print', { layout: 'testPage' });
    expect(viaPrint.result).toMatchObject({ state: 'done', layout: 'testPage' });
  });
});

describe('a page cannot put its own document on paper', () => {
  const FULL_ID = '410403199011020030';
  const PHONE = '13912345678';
  const ADDRESS = '河南省平顶山市卫东区示例路12号院3号楼2单元501';

  /** Each is refused by the contract before anything is rendered, and no page comes out of the printer. */
  async function refusedAndNothingPrinted(args: unknown): Promise<void> {
    const before = (await lastJobs()).length;
    const printedBefore = ((await (await fetch(`${d.url}health`)).json()) as { printer: { counters: { printed: number; failed: number } } }).printer.counters;
    const res = await call(ws, 'printer.print', args);
    expect(res.ok, JSON.stringify(args).slice(0, 120)).toBe(false);
    expect(res.error.code).toBe('invalidArgs');
    expect((await lastJobs()).length).toBe(before);
    const after = ((await (await fetch(`${d.url}health`)).json()) as { printer: { counters: { printed: number; failed: number } } }).printer.counters;
    expect(after).toMatchObject({ printed: printedBefore.printed, failed: printedBefore.failed });
  }

  it('a query result with free-text rows carrying a full ID number, phone and address is refused', async () => {
    await refusedAndNothingPrinted({
      layout: 'queryResult',
      data: {
        ...SAMPLES.queryResult.data,
        rows: [
          { label: '身份证号', value: FULL_ID },
          { label: '手机', value: PHONE },
          { label: '住址', value: ADDRESS },
        ],
      },
    });
  });

  it('a verify QR (or any QR) with a URL of the page’s choosing is refused, whatever the layout', async () => {
    await refusedAndNothingPrinted({ layout: 'queryResult', data: { ...SAMPLES.queryResult.data, verifyUrl: 'https://evil.example/verify?code=YZ-8F3K-2Q7M' } });
    await refusedAndNothingPrinted({ layout: 'acceptanceReceipt', data: { ...SAMPLES.acceptanceReceipt.data, progressUrl: 'https://evil.example/p' } });
    await refusedAndNothingPrinted({ layout: 'oneTimeNotice', data: { ...SAMPLES.oneTimeNotice.data, guideUrl: 'https://evil.example/g' } });
    await refusedAndNothingPrinted({ layout: 'oneTimeNotice', itemId: NOTICE_ITEM, guideUrl: 'https://evil.example/g' });
  });

  it('a 受理回执 with an invented case number under the terminal’s name is refused; so are the other person and case layouts', async () => {
    await refusedAndNothingPrinted({ layout: 'acceptanceReceipt', data: { ...SAMPLES.acceptanceReceipt.data, caseNo: 'WD0001-20250612-99999-K' } });
    await refusedAndNothingPrinted(SAMPLES.complaintReceipt);
    await refusedAndNothingPrinted(SAMPLES.precheckResult);
    await refusedAndNothingPrinted(SAMPLES.oneTimeNotice);
    await refusedAndNothingPrinted({ layout: 'testPage', data: { note: '受理回执 WD0001-20250612-99999-K' } });
    await refusedAndNothingPrinted({ layout: 'testPage', reprintOf: 'pj-abcd-1234' });
  });
});
