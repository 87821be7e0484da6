import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { PrintRequestInput } from '../../../../contract/api/printer';
import { ApiFailure } from '../../../../device-daemon/api/router';
import { createPrintPath } from '../../../../device-daemon/capabilities/printer/print-path';
import { systemClock } from '../../../../device-daemon/clock';
import { PrinterProfile } from '../../../../device-daemon/config/schema';
import { SAMPLES } from '../../../../device-daemon/devices/printer/layouts';
import { SimulatedPrinter } from '../../../../device-daemon/devices/printer/simulated-printer';
import { waitUntil } from '../../../helpers/wait';
import { testConfig } from '../harness';
import { rejectionOf } from '../../../helpers/rejection';

// The print path: the only way a document reaches the printer, for the
// documents the daemon composes. In-process against the simulated printer
// (the real driver and the byte-level emulator).
const log = pino({ level: 'silent' });
const printers: SimulatedPrinter[] = [];
afterEach(async () => {
  await Promise.all(printers.splice(0).map((p) => p.stop()));
});

async function pathWithPrinter(emulator: { printSpeedMmPerSec?: number } = { printSpeedMmPerSec: 2000 }) {
  const dev = new SimulatedPrinter({ profile: PrinterProfile.parse({}), log, timing: { statusTimeoutMs: 300, idlePollMs: 200, busyPollMs: 50 }, emulator });
  printers.push(dev);
  await dev.start();
  const print = createPrintPath({ config: testConfig().config, clock: systemClock, printer: () => dev as never });
  const lastPage = () => dev.emulator.lastJobs(1)[0]!;
  return { dev, print, lastPage };
}

const failure = (p: Promise<unknown>) => rejectionOf(p, ApiFailure);

describe('the print path', () => {
  it('renders a composed 受理回执 with the terminal’s links; a postal address is printed only to the district', async () => {
    const { print, lastPage } = await pathWithPrinter();
    const data = { ...SAMPLES.acceptanceReceipt.data, delivery: { method: 'post' as const, detail: '河南省平顶山市卫东区示例路12号院3号楼2单元501' } };
    const r = await print({ layout: 'acceptanceReceipt', data });
    expect(r).toMatchObject({ state: 'done', layout: 'acceptanceReceipt' });
    const page = lastPage();
    const text = page.lines.join('\n');
    expect(text).toContain('邮寄送达（河南省平顶山市卫东区****）');
    expect(text).not.toContain('示例路12号');
    expect(text).toContain('4104**********0023');
    expect(text).not.toContain('410403195803120023');
    expect(page.qr).toEqual(['https://zwfw.example.gov.cn/progress?case=WD0001-20250612-00042-K', 'https://zwfw.example.gov.cn/hcp?case=WD0001-20250612-00042-K']);
  });

  it('the 预审结果 slip: heading, outcome, reasons, missing materials, advisory line (no booking yet), note, guide QR', async () => {
    const { print, lastPage } = await pathWithPrinter();
    await print({ layout: 'precheckResult', data: { ...SAMPLES.precheckResult.data, itemCode: 'SIM-410403-SB-001' } });
    const page = lastPage();
    const text = page.lines.join('\n');
    expect(page.lines[0]).toBe('预审结果');
    for (const s of ['部分条件需窗口工作人员确认', '已申领过社会保障卡的', '近期免冠证件照片', '仅供参考', '暂不能预约', '是否已申领过社会保障卡，请窗口工作人员核实。']) expect(text).toContain(s);
    expect(page.qr).toEqual(['https://zwfw.example.gov.cn/guide/SIM-410403-SB-001']);
  });

  it('reprintOf marks the copy 【补打】; onQueued names the job before it is printed', async () => {
    const { print, lastPage } = await pathWithPrinter();
    const queued: string[] = [];
    const first = await print(SAMPLES.complaintReceipt, { onQueued: (id) => queued.push(id) });
    expect(queued).toEqual([first.jobId]);
    const copy = await print({ ...SAMPLES.complaintReceipt, reprintOf: first.jobId });
    expect(copy).toMatchObject({ state: 'done', reprintOf: first.jobId });
    expect(lastPage().lines).toContain('【补打】');
  });

  it('a document the daemon composed wrong is an internal error and nothing is queued', async () => {
    const { dev, print } = await pathWithPrinter();
    const e = await failure(print({ layout: 'acceptanceReceipt', data: { ...SAMPLES.acceptanceReceipt.data, caseNo: 'x' } } as PrintRequestInput));
    expect(e.code).toBe('internalError');
    expect(dev.queue.counters).toMatchObject({ printed: 0, failed: 0 });
  });

  it('a printer lost while the page prints: every byte had reached it: the outcome is unknown (the page may have come out)', async () => {
    // Slow paper so the job waits for the printer's confirmation long enough to pull the plug.
    const { dev, print } = await pathWithPrinter({ printSpeedMmPerSec: 20 });
    let awaiting = false;
    dev.queue.onJob((j) => {
      if (j.state === 'awaitingCompletion') awaiting = true;
    });
    const printing = failure(print(SAMPLES.acceptanceReceipt));
    await waitUntil(() => awaiting, { what: 'the job awaiting completion', timeoutMs: 10_000 });
    await dev.simulator!.perform('unplug');
    const e = await printing;
    expect(['offline', 'noDevice', 'timeout']).toContain(e.code);
    expect(e.detail).toEqual({ jobId: expect.stringMatching(/^pj-/), outcome: 'unknown' });
  });

  it('without a printer this build can drive: notSupported', async () => {
    const print = createPrintPath({ config: testConfig().config, clock: systemClock, printer: () => undefined });
    expect((await failure(print(SAMPLES.testPage))).code).toBe('notSupported');
  });
});
