import type { RenderedJobSummary } from '../../../contract/api/printer';
import type { RenderedPage } from './emulator/page-interpreter';
import { pageToSvg } from './emulator/svg';

/** A page the emulator rendered, as printer.lastJobs answers it (SVG only when asked: it is large). */
export function renderedJobSummary(p: RenderedPage, svg: boolean): RenderedJobSummary {
  return {
    receivedAt: p.receivedAt,
    lines: p.lines,
    qr: p.qr,
    images: p.images,
    cuts: p.cuts,
    incomplete: p.incomplete,
    warnings: [...p.warnings, ...p.unknown.map((u) => `unknown command: ${u.reason} (${u.hex})`)],
    paperMm: p.paperMm,
    ...(svg ? { svg: pageToSvg(p) } : {}),
  };
}
