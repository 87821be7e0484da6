import type { Device } from '../device';
import type { DeviceContext } from '../context';
import { createSimulatedScanner } from './simulator/simulated-scanner';
import { ScannerDevice } from './scanner-device';
import { serialTransportFor } from '../transport/serial-transport';
import { HidTransport } from '../transport/hid-transport';
import { keyboardFraming } from './hid-keyboard';

/**
 * The QR/barcode scanner from config devices.scanner, or undefined when the
 * terminal has none (`driver: "none"`: no status row, the UI offers no scanning).
 */
export function createScanner(ctx: DeviceContext): Device | undefined {
  const cfg = ctx.config.devices.scanner;
  const log = ctx.log.child({ device: 'scanner' });
  switch (cfg.driver) {
    case 'none':
      return undefined;
    case 'simulated':
      return createSimulatedScanner({
        log,
        baud: cfg.baud,
        framing: { suffix: cfg.suffix, maxLength: cfg.maxLength, interByteTimeoutMs: cfg.interByteTimeoutMs },
        startUnplugged: cfg.startUnplugged,
      }).device;
    case 'serial':
      return new ScannerDevice({
        driver: 'serial',
        log,
        transport: serialTransportFor(cfg, 'devices.scanner'),
        framing: { suffix: cfg.suffix, maxLength: cfg.maxLength, interByteTimeoutMs: cfg.interByteTimeoutMs },
      });
    case 'hid':
      return new ScannerDevice({
        driver: 'hid',
        log,
        transport: new HidTransport({
          framing: keyboardFraming,
          vendorId: cfg.vendorId,
          productId: cfg.productId,
          ...(cfg.serialNumber ? { serialNumber: cfg.serialNumber } : {}),
          ...(cfg.path ? { path: cfg.path } : {}),
        }),
        // Keyboard reports end a code with Enter, whatever suffix a serial scanner would send.
        framing: { suffix: 'CR', maxLength: cfg.maxLength, interByteTimeoutMs: cfg.interByteTimeoutMs },
      });
  }
}
