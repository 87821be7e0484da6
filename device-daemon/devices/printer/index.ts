import type { Device } from '../device';
import type { DeviceContext } from '../context';
import { EscposPrinterDevice } from './printer-device';
import { SimulatedPrinter } from './simulated-printer';
import { serialTransportFor } from '../transport/serial-transport';
import { UsbLpTransport } from './transport/usb-lp-transport';
import { TcpTransport } from './transport/tcp-transport';

/** The receipt printer from config devices.printer: ESC/POS over serial, USB printer class, TCP 9100, or the emulator. */
export function createPrinter(ctx: DeviceContext): Device {
  const cfg = ctx.config.devices.printer;
  const log = ctx.log.child({ device: 'printer' });
  const profile = cfg.profile;
  switch (cfg.driver) {
    case 'simulated':
      return new SimulatedPrinter({ profile, log, startUnplugged: cfg.startUnplugged, emulator: { printSpeedMmPerSec: cfg.printSpeedMmPerSec } });
    case 'serial':
      return new EscposPrinterDevice({
        driver: 'serial',
        profile,
        log,
        transport: serialTransportFor(cfg, 'devices.printer'),
      });
    case 'usb':
      return new EscposPrinterDevice({ driver: 'usb', profile, log, transport: new UsbLpTransport(cfg.path) });
    case 'network':
      return new EscposPrinterDevice({ driver: 'network', profile, log, transport: new TcpTransport(cfg.host, cfg.port) });
  }
}

export { EscposPrinterDevice } from './printer-device';
export { SimulatedPrinter } from './simulated-printer';
