import pino from 'pino';
import { PrinterProfile } from '../device-daemon/config/schema';
import { PrintRequest } from '../contract/api/printer';
import { SAMPLES, buildDoc, renderDoc, type LayoutEnv } from '../device-daemon/devices/printer/layouts';
import { SimulatedPrinter } from '../device-daemon/devices/printer/simulated-printer';

// Printer figures: bytes and wire time of the standard receipt (受理回执, two
// QR codes) with native GS ( k QR versus raster QR, the latency from
// queueing a job to its first byte reaching the (emulated) wire, and from
// queueing it to done (the printer's GS r reply) against the wire time of the
// job's bytes (target ≤ 1.10; the emulated engine prints at 5000 mm/s, so the
// paper's own travel stays out of the figure).

const BAUD = 115200;
const env = (profile: PrinterProfile): LayoutEnv => ({
  ctx: { siteName: '东安路街道党政综合便民服务中心', terminalId: 'WD0001', now: new Date() },
  links: {
    progressUrlTemplate: 'https://zwfw.example.gov.cn/progress?case={caseNo}',
    evaluationUrlTemplate: 'https://zwfw.example.gov.cn/hcp?case={caseNo}',
    guideUrlTemplate: 'https://zwfw.example.gov.cn/guide/{itemCode}',
  },
  phones: { consultation: '0375-12345', supervision: '12345' },
  printer: { status: 'online', transport: 'bench', profile },
});

const wireMs = (bytes: number) => (bytes * 10 * 1000) / BAUD;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

export async function run(): Promise<void> {
  const req = PrintRequest.parse(SAMPLES.acceptanceReceipt);
  for (const width of [576, 384] as const) {
    const native = PrinterProfile.parse({ paperWidthDots: width, nativeQr: true });
    const raster = PrinterProfile.parse({ paperWidthDots: width, nativeQr: false });
    const n = renderDoc(buildDoc(req, env(native)), native).bytes.length;
    const r = renderDoc(buildDoc(req, env(raster)), raster).bytes.length;
    process.stdout.write(
      `acceptance receipt ${width} dots: native QR ${n} B (${wireMs(n).toFixed(0)} ms at ${BAUD} baud), raster QR ${r} B (${wireMs(r).toFixed(0)} ms); native/raster = ${(n / r).toFixed(3)} (target ≤ 0.200) ${n / r <= 0.2 ? 'OK' : 'MISSED'}\n`,
    );
  }

  // Build time alone (render the doc to bytes), warm.
  for (const nativeQr of [true, false]) {
    const p = PrinterProfile.parse({ nativeQr });
    const doc = buildDoc(req, env(p));
    renderDoc(doc, p);
    const t: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      renderDoc(doc, p);
      t.push(performance.now() - t0);
    }
    process.stdout.write(`render to bytes (${nativeQr ? 'native' : 'raster'} QR): median ${median(t).toFixed(2)} ms, p90 ${pct(t, 0.9).toFixed(2)} ms (30 runs)\n`);
  }

  // Queued → first job byte on the wire, through the real driver (status check DLE EOT 1..4 included) on the emulated port.
  for (const nativeQr of [true, false]) {
    const profile = PrinterProfile.parse({ nativeQr });
    const dev = new SimulatedPrinter({ profile, log: pino({ level: 'silent' }), emulator: { printSpeedMmPerSec: 5000 } });
    await dev.start();
    const doc = buildDoc(req, env(profile));
    const lat: number[] = [];
    const total: number[] = [];
    const ratio: number[] = [];
    // Where the time goes besides the wire: the last byte reaching the (emulated) printer, its GS r reply leaving it.
    const phases = { onWire: [] as number[], engine: [] as number[], toDone: [] as number[] };
    const receive = dev.emulator.receive.bind(dev.emulator);
    let lastByteAt = 0;
    dev.emulator.receive = (chunk) => {
      lastByteAt = performance.now();
      receive(chunk);
    };
    for (let i = 0; i < 12; i++) {
      let first = 0;
      let queuedAt = 0;
      let statusDone = false;
      let replyAt = 0;
      const off = dev.queue.onJob((j) => {
        if (j.state === 'sending') statusDone = true;
      });
      const offReply = dev.emulator.onReply(() => {
        replyAt = performance.now();
      });
      dev.port.onFirstByte = (at) => {
        if (statusDone && !first) first = at;
      };
      queuedAt = performance.now();
      const job = dev.queue.submit(doc);
      await dev.queue.whenFinished(job);
      const doneAt = performance.now();
      off();
      offReply();
      if (job.state !== 'done') throw new Error(`bench job failed: ${job.code}`);
      if (i >= 2) {
        lat.push(first - queuedAt);
        total.push(doneAt - queuedAt);
        ratio.push(total.at(-1)! / wireMs(job.bytes));
        phases.onWire.push(lastByteAt - first);
        phases.engine.push(replyAt - lastByteAt);
        phases.toDone.push(doneAt - replyAt);
      }
    }
    await dev.stop();
    process.stdout.write(
      `queued → first job byte written (${nativeQr ? 'native' : 'raster'} QR, ${BAUD} baud, 10 runs): median ${median(lat).toFixed(1)} ms, max ${Math.max(...lat).toFixed(1)} ms (target ≤ 20 ms) ${Math.max(...lat) <= 20 ? 'OK' : median(lat) <= 20 ? 'median OK, max MISSED' : 'MISSED'}; ` +
        `queued → done median ${median(total).toFixed(0)} ms, ${median(ratio).toFixed(3)} × the wire time of its bytes (p90 ${pct(ratio, 0.9).toFixed(3)}; target ≤ 1.10) ${median(ratio) <= 1.1 ? 'OK' : 'MISSED'}; ` +
        `medians: first job byte → last byte at the printer ${median(phases.onWire).toFixed(1)} ms, last byte → the printer's GS r reply (its engine finishing the page) ${median(phases.engine).toFixed(1)} ms, reply → done ${median(phases.toDone).toFixed(1)} ms\n`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
