import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import pino from 'pino';
import { PrinterProfile } from '../../../../device-daemon/config/schema';
import { PrintRequest } from '../../../../contract/api/printer';
import { SimulatedPrinter } from '../../../../device-daemon/devices/printer/simulated-printer';
import { EscposPrinterDevice } from '../../../../device-daemon/devices/printer/printer-device';
import { TcpTransport } from '../../../../device-daemon/devices/printer/transport/tcp-transport';
import { PrinterEmulator } from '../../../../device-daemon/devices/printer/emulator/printer-emulator';
import { SAMPLES, buildDoc, type LayoutEnv } from '../../../../device-daemon/devices/printer/layouts';
import type { DeviceStatus } from '../../../../contract/api';
import { waitUntil } from '../../../helpers/wait';

const log = pino({ level: 'silent' });
const fast = { statusTimeoutMs: 300, idlePollMs: 200, busyPollMs: 50 };
const env = (profile: PrinterProfile): LayoutEnv => ({
  ctx: { siteName: '示例中心', terminalId: 'WD0001', now: new Date() },
  links: {
    progressUrlTemplate: 'https://zwfw.example.gov.cn/progress?case={caseNo}',
    evaluationUrlTemplate: 'https://zwfw.example.gov.cn/hcp?case={caseNo}',
    guideUrlTemplate: 'https://zwfw.example.gov.cn/guide/{itemCode}',
  },
  phones: { consultation: '0375-12345', supervision: '12345' },
  printer: { status: 'online', transport: 'test', profile },
});
const receipt = (p: PrinterProfile) => buildDoc(PrintRequest.parse(SAMPLES.acceptanceReceipt), env(p));

const devices: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.stop()));
});

async function simPrinter(profile: Partial<PrinterProfile> = {}, emu: { printSpeedMmPerSec?: number } = { printSpeedMmPerSec: 2000 }) {
  const p = PrinterProfile.parse(profile);
  const dev = new SimulatedPrinter({ profile: p, log, timing: fast, emulator: emu });
  devices.push(dev);
  await dev.start();
  return { dev, profile: p };
}

const until = async (cond: () => boolean, ms = 3000): Promise<void> => void (await waitUntil(cond, { timeoutMs: ms, intervalMs: 10 }));

describe('driver against the byte-level emulator (serialport MockBinding, paced at 115200 baud)', () => {
  it('prints a receipt: ESC @ FS & first, every state in order, done only after GS r', async () => {
    const { dev, profile } = await simPrinter();
    expect(dev.status().state).toBe('online');
    const states: string[] = [];
    dev.queue.onJob((j) => states.push(j.state));
    const job = dev.queue.submit(receipt(profile));
    await dev.queue.whenFinished(job);
    expect(job.state).toBe('done');
    expect(states).toEqual(['queued', 'checking', 'sending', 'awaitingCompletion', 'done']);
    const page = dev.emulator.lastJobs(1)[0]!;
    expect(page.lines).toContain('受理回执');
    expect(page.qr).toEqual(['https://zwfw.example.gov.cn/progress?case=WD0001-20250612-00042-K', 'https://zwfw.example.gov.cn/hcp?case=WD0001-20250612-00042-K']);
    expect(page.incomplete).toBe(false);
    // The job's bytes on the wire start with ESC @ FS & (after the status queries).
    const wire = dev.emulator.received;
    const start = wire.indexOf(Buffer.from([0x1b, 0x40, 0x1c, 0x26, 0x1b, 0x61]));
    expect(start).toBeGreaterThan(0);
    expect(wire.subarray(start - 12, start).toString('hex')).toBe('100401100402100403100404'); // DLE EOT 1..4 before the job
    expect(dev.queue.counters).toMatchObject({ printed: 1, failed: 0 });
    expect(dev.queue.counters.paperMm).toBeCloseTo(page.paperMm, 0);
  });

  it('paper runs out mid-job: paperOut, status says so, nothing more comes out after loading, reprint once marked 补打', async () => {
    const { dev, profile } = await simPrinter();
    const statuses: DeviceStatus[] = [];
    dev.onStatus((s) => statuses.push(s));
    await dev.simulator!.perform('paperOut', 'afterLines=8');
    const job = dev.queue.submit(receipt(profile));
    await dev.queue.whenFinished(job);
    expect(job.state).toBe('failed');
    expect(job.code).toBe('paperOut');
    await until(() => dev.status().detail.paper === 'out');
    expect(dev.status().state).toBe('hardwareError');
    const partial = dev.emulator.lastJobs(1)[0]!;
    expect(partial.incomplete).toBe(true);
    expect(partial.lines.length).toBeLessThanOrEqual(8);
    const pagesBefore = dev.emulator.lastJobs(100).length;
    await dev.simulator!.perform('paperLoad');
    await until(() => dev.status().state === 'online');
    expect(dev.emulator.heldBytes).toBe(0);
    const re = dev.queue.reprint(job.id);
    await dev.queue.whenFinished(re);
    expect(re.state).toBe('done');
    // The port is written in order: had the rest of the failed job come out after loading, it would sit before the reprint.
    expect(dev.emulator.lastJobs(100).length).toBe(pagesBefore + 1);
    expect(re.reprintOf).toBe(job.id);
    const lines = dev.emulator.lastJobs(1)[0]!.lines;
    expect(lines.slice(0, 2)).toEqual(['受理回执', '【补打】']);
    expect(() => dev.queue.reprint(job.id)).toThrow(/already reprinted/);
    expect(() => dev.queue.reprint(re.id)).toThrow(/itself a reprint/);
    expect(statuses.some((s) => s.detail.paper === 'out')).toBe(true);
  });

  it('cover open before a job: fails coverOpen without sending; closing recovers', async () => {
    const { dev, profile } = await simPrinter();
    await dev.simulator!.perform('coverOpen');
    expect(dev.status()).toMatchObject({ state: 'hardwareError', detail: { cover: 'open' } });
    const sentBefore = dev.emulator.received.length;
    const job = dev.queue.submit(receipt(profile));
    await dev.queue.whenFinished(job);
    expect(job.code).toBe('coverOpen');
    const sent = dev.emulator.received.subarray(sentBefore);
    expect(sent.includes(Buffer.from([0x1b, 0x40, 0x1c, 0x26, 0x1b, 0x61]))).toBe(false); // only status queries went out
    await dev.simulator!.perform('coverClose');
    expect(dev.status()).toMatchObject({ state: 'online', detail: { cover: 'closed' } });
  });

  it('cutter error and near end are reported from the status bytes', async () => {
    const { dev, profile } = await simPrinter();
    await dev.simulator!.perform('paperLow');
    expect(dev.status()).toMatchObject({ state: 'online', detail: { paper: 'low' } });
    dev.emulator.setCondition({ cutterError: true });
    await dev.refreshStatus();
    expect(dev.status()).toMatchObject({ state: 'hardwareError', detail: { cutter: 'error' } });
    const job = dev.queue.submit(receipt(profile));
    await dev.queue.whenFinished(job);
    expect(job.code).toBe('cutterError');
  });

  it('with ASB the printer pushes changes: cover opened mid-job fails the job without polling', async () => {
    const { dev, profile } = await simPrinter({ autoStatusBack: true }, { printSpeedMmPerSec: 2000 });
    const job = dev.queue.submit(receipt(profile));
    await until(() => job.state === 'sending');
    dev.emulator.setCondition({ coverOpen: true });
    await dev.queue.whenFinished(job);
    expect(job.code).toBe('coverOpen');
    expect(dev.status().detail.cover).toBe('open');
    dev.emulator.setCondition({ coverOpen: false }); // ASB again: recovers without a poll
    await until(() => dev.status().state === 'online', 1000);
  });

  it('unplug: the current and queued jobs fail cleanly; replug reconnects and prints', async () => {
    const { dev, profile } = await simPrinter({}, { printSpeedMmPerSec: 100 });
    const a = dev.queue.submit(receipt(profile));
    const b = dev.queue.submit(receipt(profile));
    await until(() => a.state === 'sending' || a.state === 'awaitingCompletion');
    await dev.simulator!.perform('unplug');
    await Promise.all([dev.queue.whenFinished(a), dev.queue.whenFinished(b)]);
    expect([a.code, b.code]).toEqual(['offline', 'offline']);
    expect(['offline', 'noDevice']).toContain(dev.status().state);
    await dev.simulator!.perform('replug');
    expect(dev.status().state).toBe('online');
    const c = dev.queue.submit(receipt(profile));
    await dev.queue.whenFinished(c);
    expect(c.state).toBe('done');
  });

  describe('unplugged at each point of a job: the job says what may be on paper', () => {
    const JOB_START = Buffer.from([0x1b, 0x40, 0x1c, 0x26, 0x1b, 0x61]); // ESC @ FS & ESC a: a job's first bytes
    const receivedSince = (dev: SimulatedPrinter, from: number) => dev.emulator.received.subarray(from);
    /** Unplug the moment the job reaches `state` (synchronously, inside the queue's notification). */
    const unplugAt = (dev: SimulatedPrinter, state: string) =>
      dev.queue.onJob((j) => {
        if (j.state === state && dev.port.isPlugged) dev.port.unplug();
      });

    it('before the first byte (while checking the status): offline, incomplete, no job byte reached the printer', async () => {
      const { dev, profile } = await simPrinter();
      const from = dev.emulator.received.length;
      unplugAt(dev, 'checking');
      const job = dev.queue.submit(receipt(profile));
      await dev.queue.whenFinished(job);
      expect([job.state, job.code, job.outcome]).toEqual(['failed', 'offline', 'incomplete']);
      expect(receivedSince(dev, from).includes(JOB_START)).toBe(false);
    });

    it('mid-job (part of the bytes written): offline, incomplete; the printer holds a cut-short page', async () => {
      const { dev, profile } = await simPrinter({ nativeQr: false }); // raster QR: ~26 KB, over 2 s of wire
      const from = dev.emulator.received.length;
      const job = dev.queue.submit(receipt(profile));
      await until(() => receivedSince(dev, from).length > 5000);
      dev.port.unplug();
      await dev.queue.whenFinished(job);
      expect([job.state, job.code, job.outcome]).toEqual(['failed', 'offline', 'incomplete']);
      expect(receivedSince(dev, from).length).toBeLessThan(job.bytes);
      expect(dev.emulator.lastJobs(1)[0]!.incomplete).toBe(true);
    });

    it('after the last byte, awaiting the GS r reply: offline with outcome unknown — the printer had the whole page, cut included', async () => {
      const { dev, profile } = await simPrinter({}, { printSpeedMmPerSec: 100 }); // the reply waits for the paper to move
      const from = dev.emulator.received.length;
      unplugAt(dev, 'awaitingCompletion');
      const job = dev.queue.submit(receipt(profile));
      await dev.queue.whenFinished(job);
      expect([job.state, job.code, job.outcome]).toEqual(['failed', 'offline', 'unknown']);
      const sent = receivedSince(dev, from);
      expect(sent.subarray(sent.length - 3).toString('hex')).toBe('1d7231'); // GS r '1', the job's last bytes, reached the printer
      const page = dev.emulator.lastJobs(1)[0]!;
      expect([page.lines[0], page.cuts, page.incomplete]).toEqual(['受理回执', 1, false]);
    });

    it('paper out after the last byte is a page cut short (incomplete), not an unknown one', async () => {
      const { dev, profile } = await simPrinter({}, { printSpeedMmPerSec: 100 });
      dev.queue.onJob((j) => {
        if (j.state === 'awaitingCompletion') dev.emulator.setCondition({ paper: 'out' });
      });
      const job = dev.queue.submit(receipt(profile));
      await dev.queue.whenFinished(job);
      expect([job.state, job.code, job.outcome]).toEqual(['failed', 'paperOut', 'incomplete']);
    });
  });

  it('a printer that never answers status queries is a hardware error, not a hang', async () => {
    const p = PrinterProfile.parse({});
    const dev = new SimulatedPrinter({ profile: p, log, timing: fast });
    devices.push(dev);
    dev.emulator.receive = () => {}; // a dead printer: bytes go in, nothing comes back
    await dev.start();
    expect(dev.status().state).toBe('hardwareError');
    expect(dev.status().reason).toMatch(/does not answer/);
    const job = dev.queue.submit(receipt(p));
    await dev.queue.whenFinished(job);
    expect(job.code).toBe('offline');
  });

  it('GBK profile: ¥ prints as ￥, Chinese intact', async () => {
    const { dev } = await simPrinter({ encoding: 'GBK', paperWidthDots: 384 });
    const job = dev.queue.submit({ layout: 'testPage', blocks: [{ kind: 'text', text: '收费¥10' }] });
    await dev.queue.whenFinished(job);
    expect(dev.emulator.lastJobs(1)[0]!.lines).toEqual(['收费￥10']);
  });
});

describe('driver over raw TCP 9100 against the emulator', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it('prints and reads status on the same socket', async () => {
    const p = PrinterProfile.parse({ paperWidthDots: 384, nativeQr: false });
    const emu = new PrinterEmulator({ encoding: p.encoding, paperWidthDots: 384, nativeQr: false, autoStatusBack: false, nearEndSensor: true, printSpeedMmPerSec: 2000 });
    server = createServer((sock) => {
      const off = emu.onReply((b) => sock.write(b));
      sock.on('data', (d: Buffer) => emu.receive(d));
      sock.on('close', off);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const dev = new EscposPrinterDevice({ driver: 'network', profile: p, log, transport: new TcpTransport('127.0.0.1', port), timing: fast });
    devices.push(dev);
    await dev.start();
    expect(dev.status().state).toBe('online');
    const job = dev.queue.submit(receipt(p));
    await dev.queue.whenFinished(job);
    expect(job.state).toBe('done');
    const page = emu.lastJobs(1)[0]!;
    expect(page.lines[0]).toBe('受理回执');
    expect(page.images).toBe(2); // raster QR fallback: two QR codes as images
    await dev.stop();
    emu.dispose();
  });

  it('nobody listening: noDevice, and a job fails with noDevice at once', async () => {
    const p = PrinterProfile.parse({});
    const dev = new EscposPrinterDevice({ driver: 'network', profile: p, log, transport: new TcpTransport('127.0.0.1', 1, 500), timing: fast });
    devices.push(dev);
    await dev.start();
    expect(dev.status().state).toBe('noDevice');
    const job = dev.queue.submit(receipt(p));
    await dev.queue.whenFinished(job);
    expect(job.code).toBe('noDevice');
  });
});
