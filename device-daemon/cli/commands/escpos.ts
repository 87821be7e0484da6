import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../config/load';
import { type KioskConfig, PrinterProfile } from '../../config/schema';
import { LAYOUT_NAMES, PrintRequest, type LayoutName } from '../../../contract/api/printer';
import { renderCapture } from '../../devices/printer/emulator/render-capture';
import { pageToSvg } from '../../devices/printer/emulator/svg';
import type { RenderedPage } from '../../devices/printer/emulator/page-interpreter';
import { SAMPLES, buildDoc, renderDoc, type LayoutEnv } from '../../devices/printer/layouts';
import { createPrinter, EscposPrinterDevice, SimulatedPrinter } from '../../devices/printer';
import { Bus } from '../../bus';
import { DEFAULT_CONFIG } from './config';
import { DaemonApi } from '../daemon-api';
import type { CommandResult } from '../../../contract/api';

// kioskctl escpos render|layout, kioskctl print test (issue 4)

interface ProfileOpts {
  encoding?: string;
  width?: string;
  rasterQr?: boolean;
}

function profileFrom(o: ProfileOpts) {
  return PrinterProfile.parse({
    encoding: (o.encoding ?? 'GB18030').toUpperCase(),
    paperWidthDots: o.width ? Number(o.width) : 576,
    nativeQr: !o.rasterQr,
  });
}

function printPagesText(pages: RenderedPage[], out: (s: string) => void): void {
  pages.forEach((p, i) => {
    out(`--- job ${i + 1}: ${p.lines.length} lines, ${p.qr.length} QR, ${p.images} images, ${p.cuts ? 'cut' : 'no cut'}${p.incomplete ? ', INCOMPLETE' : ''}, ${p.paperMm} mm ---\n`);
    for (const line of p.lines) out(`${line}\n`);
    for (const q of p.qr) out(`[QR] ${q}\n`);
  });
}

function reportProblems(pages: RenderedPage[], truncated: { bytes: number; hex: string } | undefined): void {
  for (const p of pages) {
    for (const w of p.warnings) process.stderr.write(`warning: ${w}\n`);
    for (const u of p.unknown) process.stderr.write(`unknown command: ${u.reason} (${u.hex})\n`);
  }
  if (truncated) process.stderr.write(`truncated: the capture ends inside a command (${truncated.bytes} bytes: ${truncated.hex}…)\n`);
}

function sampleEnv(profile: ReturnType<typeof profileFrom>, configFile?: string): LayoutEnv {
  let site = { name: '示例便民服务中心', phones: { consultation: '0375-12345', supervision: '12345' } };
  let terminalId = 'WD0001';
  let links = {
    progressUrlTemplate: 'https://zwfw.example.gov.cn/progress?case={caseNo}',
    evaluationUrlTemplate: 'https://zwfw.example.gov.cn/hcp?case={caseNo}',
    guideUrlTemplate: 'https://zwfw.example.gov.cn/guide/{itemCode}',
  };
  if (configFile) {
    try {
      const cfg = loadConfig(configFile);
      site = cfg.site;
      terminalId = cfg.terminalId;
      links = cfg.links;
    } catch {
      /* samples work without a config */
    }
  }
  return {
    ctx: { siteName: site.name, terminalId, now: new Date() },
    links,
    phones: site.phones,
    printer: { status: 'preview (no printer)', transport: 'none', profile },
  };
}

export function registerEscposCommands(program: Command): void {
  const escpos = program.command('escpos').description('ESC/POS tools: render captured printer bytes, produce layout captures');

  escpos
    .command('render <file>')
    .description('interpret a captured ESC/POS byte file like the printer would (unknown or truncated commands are reported, never fatal)')
    .option('--text', 'print the text lines in order (default)')
    .option('--json', 'print the structured log (lines, styles, QR payloads, images, cuts)')
    .option('--svg <out>', 'draw the receipt(s) to an SVG file')
    .option('--encoding <enc>', 'Chinese encoding of the printer: GB18030 or GBK', 'GB18030')
    .option('--width <dots>', 'paper width in dots: 576 (80 mm) or 384 (58 mm)', '576')
    .option('--raster-qr', 'emulate a printer without native QR (GS ( k is ignored)')
    .action((file: string, o: ProfileOpts & { text?: boolean; json?: boolean; svg?: string }) => {
      const profile = profileFrom(o);
      const { pages, truncated } = renderCapture(readFileSync(file), profile);
      if (o.json) process.stdout.write(`${JSON.stringify({ pages, truncated: truncated ?? null }, null, 2)}\n`);
      if (o.svg) {
        const svgs = pages.map(pageToSvg);
        writeFileSync(o.svg, svgs.length === 1 ? svgs[0]! : stackSvgs(svgs));
        process.stderr.write(`wrote ${o.svg} (${pages.length} job${pages.length === 1 ? '' : 's'})\n`);
      }
      if (o.text || (!o.json && !o.svg)) printPagesText(pages, (s) => process.stdout.write(s));
      reportProblems(pages, truncated);
    });

  escpos
    .command('layout <name>')
    .description(`render a receipt layout to printer bytes (${LAYOUT_NAMES.join(', ')})`)
    .option('--sample', 'use the built-in synthetic sample data')
    .option('--data <file.json>', 'layout data as JSON (the "data" of printer.print)')
    .requiredOption('--out <file.bin>', 'where to write the bytes')
    .option('--encoding <enc>', 'GB18030 or GBK', 'GB18030')
    .option('--width <dots>', '576 or 384', '576')
    .option('--raster-qr', 'QR as a raster image instead of GS ( k')
    .option('--reprint', 'mark it as 补打')
    .option('-c, --config <file>', 'take site name, terminal id and links from this config', DEFAULT_CONFIG)
    .action((name: string, o: ProfileOpts & { sample?: boolean; data?: string; out: string; reprint?: boolean; config: string }) => {
      if (!(LAYOUT_NAMES as readonly string[]).includes(name)) throw new Error(`unknown layout ${name}; layouts: ${LAYOUT_NAMES.join(', ')}`);
      if (!o.sample && !o.data) throw new Error('give --sample or --data <file.json>');
      const data = o.data ? (JSON.parse(readFileSync(o.data, 'utf8')) as unknown) : SAMPLES[name as LayoutName].data;
      const req = PrintRequest.parse({ layout: name, data });
      const profile = profileFrom(o);
      const job = renderDoc(buildDoc(req, sampleEnv(profile, resolve(o.config))), profile, o.reprint ? { reprint: { at: new Date(), of: 'cli' } } : {});
      writeFileSync(o.out, job.bytes);
      process.stdout.write(
        `${o.out}: ${job.bytes.length} bytes, ${(job.paperDots / 8).toFixed(1)} mm of paper${job.replaced.length ? `, replaced for ${profile.encoding}: ${job.replaced.join(' ')}` : ''}\n`,
      );
    });

  program
    .command('print')
    .description('printer actions on the configured printer')
    .command('test')
    .description(
      'print the test page on the configured printer and show what came out: through the running daemon when one answers (it holds the printer: printer.testPage), else in this process (the simulated printer runs in-process). Exit 0 printed, 3 the job failed',
    )
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('-p, --port <port>', "the daemon's port, instead of server.port in the config")
    .option('--svg <out>', 'also draw the printed page to SVG (simulated printer)')
    .action(async (o: { config: string; port?: string; svg?: string }) => {
      const config = loadConfig(resolve(o.config));
      const api = await DaemonApi.connect(config, o.port);
      if ('error' in api) {
        process.stdout.write(`${api.error.replace(/; start it with npm start$/, '')}: the printer is opened in this process\n`);
        return testPageInProcess(config, o);
      }
      try {
        await testPageViaDaemon(api, o.svg);
      } finally {
        api.close();
      }
    });
}

/** The running daemon holds the printer: it prints the page; a simulated printer's emulator says what came out. */
async function testPageViaDaemon(api: DaemonApi, svg?: string): Promise<void> {
  const r = await api.call('printer.testPage');
  if (!r.ok) {
    process.stderr.write(`kioskctl: the running daemon's printer failed: ${r.error.code}: ${r.error.message}\n`);
    process.exitCode = 3;
    return;
  }
  const job = r.result as CommandResult<'printer.testPage'>;
  process.stdout.write(`printed by the running daemon: job ${job.jobId}: ${job.state}, ${job.bytes} bytes, ${job.paperMm} mm\n`);
  const last = await api.call('printer.lastJobs', { limit: 1, svg: svg !== undefined });
  const page = last.ok ? (last.result as CommandResult<'printer.lastJobs'>).jobs.at(-1) : undefined;
  if (page) {
    process.stdout.write(`${page.lines.join('\n')}\n`);
    if (svg && page.svg) writeFileSync(svg, page.svg);
  }
  if (job.state !== 'done') process.exitCode = 3;
}

async function testPageInProcess(config: KioskConfig, o: { config: string; svg?: string }): Promise<void> {
  const log = pino({ level: 'silent' });
  const dev = createPrinter({ config, log, bus: new Bus() });
  if (!(dev instanceof EscposPrinterDevice)) throw new Error('no ESC/POS printer configured');
  await dev.start();
  try {
    const s = dev.status();
    process.stdout.write(`printer ${s.driver} ${dev.transportName}: ${s.state}${s.reason ? ` (${s.reason})` : ''} ${JSON.stringify(s.detail)}\n`);
    const env = sampleEnv(dev.profile, resolve(o.config));
    env.printer = { status: s.reason ? `${s.state}（${s.reason}）` : s.state, transport: `${s.driver} ${dev.transportName}`, profile: dev.profile };
    const job = dev.queue.submit(buildDoc({ layout: 'testPage', data: {} }, env));
    const done = await dev.queue.whenFinished(job);
    process.stdout.write(`job ${done.id}: ${done.state}${done.code ? ` (${done.code})` : ''}, ${done.bytes} bytes, ${done.paperMm} mm\n`);
    if (dev instanceof SimulatedPrinter) {
      const pages = dev.emulator.lastJobs(1);
      printPagesText(pages, (x) => process.stdout.write(x));
      if (o.svg && pages[0]) writeFileSync(o.svg, pageToSvg(pages[0]));
    }
    if (done.state !== 'done') process.exitCode = 3;
  } finally {
    await dev.stop();
  }
}

/** Several receipts side by side in one SVG. */
function stackSvgs(svgs: string[]): string {
  const inner = svgs.map((s) => {
    const w = Number(/width="(\d+)"/.exec(s)?.[1] ?? 600);
    const h = Number(/height="(\d+)"/.exec(s)?.[1] ?? 800);
    return { s, w, h };
  });
  let x = 0;
  const parts = inner.map(({ s, w }) => {
    const part = `<g transform="translate(${x},0)">${s.replace(/<\?xml[^>]*>/, '')}</g>`;
    x += w + 10;
    return part;
  });
  const h = Math.max(...inner.map((i) => i.h));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${x}" height="${h}">${parts.join('\n')}</svg>`;
}
