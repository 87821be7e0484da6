import type { Device } from '../device';
import type { DeviceContext } from '../context';
import { UnavailableDriver } from '../unavailable-driver';
import { ROOT_DIR } from '../../version';
import { IdCardReaderDevice } from './reader-device';
import { createSimulatedReader } from './simulator/simulated-reader';
import { serialTransportFor } from '../transport/serial-transport';
import { HidTransport } from '../transport/hid-transport';
import { HID_WRAPPERS } from './transport/hid-wrappers';

/** Builds the ID-card reader the config asks for: simulated, serial (UART or USB-serial) or HID (vendor wrapper). */
export function createIdCardReader(ctx: DeviceContext): Device {
  const cfg = ctx.config.devices.idCardReader;
  const log = ctx.log.child({ device: 'idCardReader' });
  const common = {
    log,
    pollIntervalMs: cfg.pollIntervalMs,
    removalPollMs: cfg.removalPollMs,
    ...(cfg.photoDecoder ? { photoDecoder: cfg.photoDecoder } : {}),
    baseDir: ROOT_DIR,
  };
  switch (cfg.driver) {
    case 'simulated':
      return createSimulatedReader({
        ...common,
        baud: cfg.simulator.baud,
        timing: cfg.simulator.timing,
        removalMode: cfg.simulator.removalMode,
        ...(cfg.simulator.card ? { card: cfg.simulator.card } : {}),
        startUnplugged: cfg.startUnplugged,
      }).device;
    case 'serial':
      return new IdCardReaderDevice({
        ...common,
        driver: 'serial',
        transport: serialTransportFor(cfg, 'devices.idCardReader'),
      });
    case 'hid': {
      const variant = cfg.variant ?? 'miaxis';
      const wrapper = HID_WRAPPERS[variant];
      if (!wrapper) return new UnavailableDriver('idCardReader', 'hid', `unknown HID reader variant ${JSON.stringify(variant)}; known: ${Object.keys(HID_WRAPPERS).join(', ')}`);
      return new IdCardReaderDevice({
        ...common,
        driver: 'hid',
        transport: new HidTransport({
          framing: wrapper,
          vendorId: cfg.vendorId,
          productId: cfg.productId,
          ...(cfg.serialNumber ? { serialNumber: cfg.serialNumber } : {}),
          ...(cfg.path ? { path: cfg.path } : {}),
        }),
      });
    }
    case 'usb':
      return new UnavailableDriver('idCardReader', 'usb', 'raw USB-bulk SAM readers (e.g. 0400:C35A) need a libusb binding this build does not include; use the reader in USB-serial or HID mode');
  }
}
