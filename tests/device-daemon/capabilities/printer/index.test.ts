import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { call, nextEvent, type SpawnedDaemon, useDaemon } from '../../../helpers/daemon';
import { SAMPLES } from '../../../../device-daemon/devices/printer/layouts';

// The real daemon process with the shipped config (simulated printer on the emulator).
const rig = useDaemon({ beforeAll, afterAll });
let d: SpawnedDaemon;
let ws: WebSocket;
beforeAll(() => {
  d = rig.daemon();
  ws = rig.ws();
});

const sim = (action: string, param?: string) => call(ws, 'sim.control', { device: 'printer', action, ...(param ? { param } : {}) });

describe('printer through the real daemon', () => {
  it('prints an acceptance receipt; events follow the job; the emulator shows the text and QR', async () => {
    const events: Array<{ state: string }> = [];
    const onMsg = (raw: WebSocket.RawData) => {
      const m = JSON.parse(raw.toString()) as { kind: string; name: string; data: { state: string } };
      if (m.kind === 'event' && m.name === 'printer.job') events.push(m.data);
    };
    ws.on('message', onMsg);
    const res = await call(ws, 'printer.print', SAMPLES.acceptanceReceipt);
    ws.off('message', onMsg);
    expect(res.ok).toBe(true);
    expect(res.result).toMatchObject({ state: 'done', layout: 'acceptanceReceipt' });
    expect(res.result.jobId).toMatch(/^pj-/);
    expect(events.map((e) => e.state)).toEqual(['queued', 'checking', 'sending', 'awaitingCompletion', 'done']);
    const last = await call(ws, 'printer.lastJobs', { limit: 1, svg: true });
    const job = last.result.jobs[0];
    expect(job.lines).toContain('受理回执');
    expect(job.lines.join('\n')).toContain('4104**********0023');
    expect(job.lines.join('\n')).not.toContain('410403195803120023');
    expect(job.qr).toEqual(['https://zwfw.example.gov.cn/progress?case=WD0001-20250612-00042-K', 'https://zwfw.example.gov.cn/hcp?case=WD0001-20250612-00042-K']);
    expect(job.svg).toMatch(/^<svg/);
    const health = (await (await fetch(`${d.url}health`)).json()) as { printer: { counters: { printed: number } } };
    expect(health.printer.counters.printed).toBe(1);
  });

  it('paper out mid-job fails with paperOut and the jobId; status event says paper out; after loading, one 补打', async () => {
    expect((await sim('paperOut', 'afterLines=6')).ok).toBe(true);
    const statusEvent = nextEvent(ws, (e) => e.name === 'device.status' && e.data.device === 'printer' && e.data.detail.paper === 'out' && e.data.state === 'hardwareError');
    const res = await call(ws, 'printer.print', SAMPLES.queryResult);
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('paperOut');
    const jobId = res.error.detail.jobId as string;
    expect((await statusEvent).data.reason).toBe('printer out of paper');
    const again = await call(ws, 'printer.print', SAMPLES.queryResult);
    expect(again.error.code).toBe('paperOut'); // still out: refused before sending
    const loaded = await sim('paperLoad');
    expect(loaded.result.status).toMatchObject({ state: 'online', detail: { paper: 'full' } });
    const re = await call(ws, 'printer.reprint', { jobId });
    expect(re.ok).toBe(true);
    expect(re.result).toMatchObject({ state: 'done', reprintOf: jobId });
    const last = await call(ws, 'printer.lastJobs', { limit: 1 });
    expect(last.result.jobs[0].lines.slice(0, 2)).toEqual(['城乡居民养老保险参保证明', '【补打】']);
    const twice = await call(ws, 'printer.reprint', { jobId });
    expect(twice.error.code).toBe('reprintNotAllowed');
    const unknown = await call(ws, 'printer.reprint', { jobId: 'pj-nope-0000' });
    expect(unknown.error.code).toBe('jobNotFound');
  });

  it('unplugged: printing fails with a clean code; replug brings it back; test page prints', async () => {
    const un = await sim('unplug');
    expect(['offline', 'noDevice']).toContain(un.result.status.state);
    const res = await call(ws, 'printer.testPage', {});
    expect(['offline', 'noDevice']).toContain(res.error.code);
    const re = await sim('replug');
    expect(re.result.status, JSON.stringify(re.result.status)).toMatchObject({ state: 'online' });
    const page = await call(ws, 'printer.testPage', {});
    expect(page.result.state).toBe('done');
    const last = await call(ws, 'printer.lastJobs', { limit: 1 });
    expect(last.result.jobs[0].lines).toContain('中文打印测试 金额：￥1,234.50');
  });

  it('invalid layout data is refused by the contract', async () => {
    const res = await call(ws, 'printer.print', { layout: 'acceptanceReceipt', data: { caseNo: 'x' } });
    expect(res.error.code).toBe('invalidArgs');
    const ctl = await call(ws, 'printer.print', { layout: 'complaintReceipt', data: { ...SAMPLES.complaintReceipt.data, category: 'A\u001b@' } });
    expect(ctl.error.code).toBe('invalidArgs');
  });
});

describe('resident layouts through the real daemon (issue 7)', () => {
  const lastJob = async () => (await call(ws, 'printer.lastJobs', { limit: 1 })).result.jobs[0] as { lines: string[]; qr: string[] };

  it('precheckResult: 预审结果 heading, outcome, reasons, missing materials, advisory line (no booking yet), note, guide QR; no personal data accepted', async () => {
    const data = { ...SAMPLES.precheckResult.data, itemCode: 'SIM-410403-SB-001' };
    const res = await call(ws, 'printer.print', { layout: 'precheckResult', data });
    expect(res.ok, JSON.stringify(res.error)).toBe(true);
    const job = await lastJob();
    const text = job.lines.join('\n');
    expect(job.lines[0]).toBe('预审结果');
    expect(text).toContain('部分条件需窗口工作人员确认');
    expect(text).toContain('已申领过社会保障卡的');
    expect(text).toContain('近期免冠证件照片');
    expect(text).toContain('仅供参考');
    expect(text).toContain('暂不能预约');
    expect(text).toContain('是否已申领过社会保障卡，请窗口工作人员核实。');
    expect(job.qr).toEqual(['https://zwfw.example.gov.cn/guide/SIM-410403-SB-001']);
    // The layout has no place for a person: a page that tries to add one is refused.
    for (const extra of [{ person: { name: '林晓禾', idNumber: '410403195803120023' } }, { idNumber: '410403195803120023' }]) {
      const refused = await call(ws, 'printer.print', { layout: 'precheckResult', data: { ...data, ...extra } });
      expect(refused.error.code).toBe('invalidArgs');
    }
    const noWhere = await call(ws, 'printer.print', { layout: 'precheckResult', data: { ...data, where: [] } });
    expect(noWhere.error.code).toBe('invalidArgs');
  });

  it('acceptanceReceipt: a postal delivery detail is printed only to the district, whoever sends it', async () => {
    const data = { ...SAMPLES.acceptanceReceipt.data, delivery: { method: 'post', detail: '河南省平顶山市卫东区示例路12号院3号楼2单元501' } };
    expect((await call(ws, 'printer.print', { layout: 'acceptanceReceipt', data })).ok).toBe(true);
    const text = (await lastJob()).lines.join('\n');
    expect(text).toContain('邮寄送达（河南省平顶山市卫东区****）');
    expect(text).not.toContain('示例路12号');
    // Pick-up details are not addresses: printed as given.
    const pickup = { ...SAMPLES.acceptanceReceipt.data, delivery: { method: 'pickup', detail: '社保窗口3号' } };
    expect((await call(ws, 'printer.print', { layout: 'acceptanceReceipt', data: pickup })).ok).toBe(true);
    expect((await lastJob()).lines.join('\n')).toContain('窗口领取（社保窗口3号）');
  });

  it('reprintOf marks a further copy 【补打】 of a job of this session; an unknown job is refused', async () => {
    const first = await call(ws, 'printer.print', SAMPLES.complaintReceipt);
    expect(first.ok).toBe(true);
    for (let i = 0; i < 2; i++) {
      const copy = await call(ws, 'printer.print', { ...SAMPLES.complaintReceipt, reprintOf: first.result.jobId });
      expect(copy.result).toMatchObject({ state: 'done', reprintOf: first.result.jobId });
      expect((await lastJob()).lines).toContain('【补打】');
    }
    const unknown = await call(ws, 'printer.print', { ...SAMPLES.complaintReceipt, reprintOf: 'pj-nope-0000' });
    expect(unknown.error.code).toBe('jobNotFound');
  });
});
