import { PrinterEmulator, type EmulatorOptions } from './printer-emulator';
import type { RenderedPage } from './page-interpreter';

export interface CaptureRender {
  pages: RenderedPage[];
  /** Bytes of a command cut off at the end of the capture (reported, never fatal). */
  truncated: { bytes: number; hex: string } | undefined;
}

/**
 * Render captured job bytes (a .bin file, a layout preview) through the same
 * emulator the simulator uses, with no transport and no pacing.
 */
export function renderCapture(bytes: Buffer, opts: Partial<EmulatorOptions> = {}): CaptureRender {
  const emu = new PrinterEmulator({
    encoding: opts.encoding ?? 'GB18030',
    paperWidthDots: opts.paperWidthDots ?? 576,
    nativeQr: opts.nativeQr ?? true,
    autoStatusBack: false,
    nearEndSensor: true,
    keepJobs: 1000,
    chineseAtPowerOn: opts.chineseAtPowerOn,
  });
  emu.receive(bytes);
  const held = emu.heldBytes;
  emu.flushPage();
  const pages = emu.lastJobs();
  emu.dispose(); // drops the status replies this capture asked for (GS r, DLE EOT): nobody is listening
  return { pages, truncated: held ? { bytes: held, hex: bytes.subarray(bytes.length - held, bytes.length - held + 16).toString('hex') } : undefined };
}
