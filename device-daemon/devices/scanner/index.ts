import type { Device } from '../device';
import type { DeviceContext } from '../context';
import { createSimulatedScanner } from './simulator/simulated-scanner';
import { ScannerDevice } from './scanner-device';
import { HidScanSource, SerialScanSource } from './sources';

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
        source: new SerialScanSource(
          {
            baudRate: cfg.baud,
            configKey: 'devices.scanner',
            ...(cfg.path ? { path: cfg.path } : {}),
            ...(cfg.vendorId ? { vendorId: cfg.vendorId } : {}),
            ...(cfg.productId ? { productId: cfg.productId } : {}),
            ...(cfg.serialNumber ? { serialNumber: cfg.serialNumber } : {}),
          },
          { suffix: cfg.suffix, maxLength: cfg.maxLength, interByteTimeoutMs: cfg.interByteTimeoutMs },
        ),
      });
    case 'hid':
      return new ScannerDevice({
        driver: 'hid',
        log,
        source: new HidScanSource({
          vendorId: cfg.vendorId,
          productId: cfg.productId,
          ...(cfg.serialNumber ? { serialNumber: cfg.serialNumber } : {}),
          ...(cfg.path ? { path: cfg.path } : {}),
          framing: { maxLength: cfg.maxLength, interByteTimeoutMs: cfg.interByteTimeoutMs },
        }),
      });
  }
}

export { ScannerDevice } from './scanner-device';
