import type { CapabilityContext } from '../../capability';

// Printer commands (printer.print …) — issue 4.
export function registerPrinterApi(_ctx: CapabilityContext): void {}
