import type { Command } from 'commander';
import { resolve } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../config/load';
import { DaemonApi } from '../daemon-api';
import { technicianGate } from '../technician-gate';
import type { KioskConfig } from '../../config/schema';
import { Bus } from '../../bus';
import { createScanner } from '../../devices/scanner';
import { ScannerDevice } from '../../devices/scanner/scanner-device';
import { createSimulatedScanner } from '../../devices/scanner/simulator/simulated-scanner';
import { caseNoMatchers, extractCaseNo, maskScanText } from '../../devices/scanner/scan-text';
import { DEFAULT_CONFIG } from './config';

interface ListenOptions {
  config: string;
  count?: string;
  timeout?: string;
  json?: boolean;
  reveal?: boolean;
  daemon?: boolean;
  simScan?: string[];
}

const HINT: Record<string, string> = {
  partial: 'the code stopped before its suffix: check devices.scanner.suffix against the scanner setting, or raise interByteTimeoutMs',
  overlong: 'longer than devices.scanner.maxLength, or the scanner sends no suffix the driver recognises',
  garbage: 'not UTF-8 text: check the baud rate (devices.scanner.baud) and that the scanner sends UTF-8',
};

/**
 * kioskctl scanner listen — for a technician testing a scanner: prints every
 * code as it comes (length, case number if any, text masked unless --reveal)
 * and every discarded input with what to check. Opens the configured scanner
 * in-process (stop the daemon first: it holds the port), or with --daemon
 * arms the running daemon's scanner and prints its scanner.code events.
 */
export function registerScannerCommands(program: Command): void {
  const scanner = program.command('scanner').description('QR/barcode scanner: watch codes as they are scanned');
  scanner
    .command('listen')
    .description('print codes as they are scanned (the configured scanner in-process; --daemon: through the running daemon)')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('-n, --count <n>', 'stop after n codes')
    .option('-t, --timeout <seconds>', 'stop after this many seconds')
    .option('--json', 'one JSON object per line')
    .option('--reveal', 'print the text unmasked (asks for the technician PIN first; in-process mode)')
    .option('--daemon', 'listen through the running daemon (arms its scanner; text arrives masked)')
    .option('--sim-scan <text...>', 'simulated driver: scan these texts once the port is open (demo, tests)')
    .action(async (opts: ListenOptions) => {
      const cfg = loadConfig(resolve(opts.config));
      if (opts.reveal && !(await technicianGate(cfg, 'scanner listen --reveal'))) return;
      const max = opts.count ? Number(opts.count) : Infinity;
      const deadline = opts.timeout ? Number(opts.timeout) * 1000 : undefined;
      if (opts.daemon) return listenViaDaemon(cfg, opts, max, deadline);
      return listenInProcess(cfg, opts, max, deadline);
    });
}

function out(opts: ListenOptions, line: Record<string, unknown>, text: string): void {
  process.stdout.write(opts.json ? `${JSON.stringify(line)}\n` : `${text}\n`);
}

async function listenInProcess(cfg: KioskConfig, opts: ListenOptions, max: number, deadline: number | undefined): Promise<void> {
  const sc = cfg.devices.scanner;
  if (sc.driver === 'none') throw new Error('devices.scanner.driver is "none": no scanner is configured');
  const log = pino({ level: 'silent' });
  const device =
    sc.driver === 'simulated'
      ? createSimulatedScanner({ log, baud: sc.baud, timing: 'realistic', framing: { suffix: sc.suffix, maxLength: sc.maxLength, interByteTimeoutMs: sc.interByteTimeoutMs } }).device
      : createScanner({ config: cfg, log, bus: new Bus() });
  if (!(device instanceof ScannerDevice)) throw new Error('no scanner driver');
  const matchers = caseNoMatchers([cfg.links.progressUrlTemplate, cfg.links.evaluationUrlTemplate]);
  let seen = 0;
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  device.onCode((c) => {
    const found = extractCaseNo(c.text, matchers);
    const text = opts.reveal ? c.text : maskScanText(c.text);
    out(
      opts,
      { at: c.at.toISOString(), length: c.text.length, caseNo: found.ok ? found.caseNo : null, text },
      `${c.at.toISOString()}  code  ${String(c.text.length).padStart(4)} chars  ${found.ok ? `caseNo ${found.caseNo}` : 'no case number'}  ${text}`,
    );
    if (++seen >= max) finish();
  });
  device.onDiscard((d) => out(opts, { at: new Date().toISOString(), discarded: d.reason, bytes: d.bytes }, `${new Date().toISOString()}  discarded ${d.reason} (${d.bytes} bytes): ${HINT[d.reason]}`));
  await device.start();
  const st = device.status();
  if (st.state !== 'online') {
    await device.stop();
    throw new Error(`scanner ${st.state}: ${st.reason ?? ''}${sc.driver !== 'simulated' ? ' (if the daemon is running it holds the scanner: stop it, or use --daemon)' : ''}`);
  }
  process.stderr.write(`listening on ${String(st.detail.link)} (${sc.driver}); scan a code${Number.isFinite(max) ? '' : ', Ctrl-C to stop'}\n`);
  const timer = deadline ? setTimeout(finish, deadline) : undefined;
  process.once('SIGINT', finish);
  if (opts.simScan?.length && device.simulator) for (const t of opts.simScan) await device.simulator.perform('scan', t);
  await done;
  clearTimeout(timer);
  await device.stop();
}

async function listenViaDaemon(cfg: KioskConfig, opts: ListenOptions, max: number, deadline: number | undefined): Promise<void> {
  const api = await DaemonApi.connect(cfg);
  if ('error' in api) throw new Error(api.error);
  let seen = 0;
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  const arm = () =>
    void api.call('scanner.arm', { purpose: 'caseNo' }).then((c) => {
      if (c.ok) return;
      process.stderr.write(`kioskctl: ${c.error.message}\n`);
      process.exitCode = 1;
      finish();
    });
  api.on('scanner.code', (data) => {
    const d = data as { text: string; caseNo?: string; at: string };
    out(opts, { at: d.at, caseNo: d.caseNo ?? null, text: d.text }, `${d.at}  code  ${d.caseNo ? `caseNo ${d.caseNo}` : 'no case number'}  ${d.text}`);
    if (++seen >= max) finish();
  });
  api.onClose(finish);
  arm();
  const renew = setInterval(arm, 100_000);
  process.stderr.write(`listening through the daemon at ${api.base} (scanner armed); scan a code${Number.isFinite(max) ? '' : ', Ctrl-C to stop'}\n`);
  const timer = deadline ? setTimeout(finish, deadline) : undefined;
  process.once('SIGINT', finish);
  await done;
  clearTimeout(timer);
  clearInterval(renew);
  if (api.open) {
    // The disarm's completion (or the daemon gone) before closing.
    await api.call('scanner.disarm', {});
    api.close();
  }
}
