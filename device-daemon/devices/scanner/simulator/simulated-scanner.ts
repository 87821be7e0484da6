import type { Logger } from 'pino';
import type { SimAction } from '../../../../contract/api';
import { DeviceCommandError } from '../../device';
import type { SimulatorControl } from '../../device';
import type { LifecycleOptions } from '../../lifecycle-device';
import type { FramerOptions } from '../code-framer';
import { SerialTransport } from '../../transport/serial-transport';
import { ScannerDevice } from '../scanner-device';
import { INSTANT_SCAN, REALISTIC_SCAN, SimScanner, SUFFIX_BYTES } from './sim-scanner';

export interface SimulatedScannerOptions {
  log: Logger;
  framing: FramerOptions;
  baud?: number;
  timing?: 'realistic' | 'instant';
  startUnplugged?: boolean;
  repeatWindowMs?: number;
  lifecycle?: LifecycleOptions;
}

export interface SimulatedScanner {
  device: ScannerDevice;
  scanner: SimScanner;
}

/** Longest text a sim control sends (a QR holds at most a few thousand bytes; receipts carry ~70). */
const SIM_SCAN_MAX = 2000;

/** Line noise: bytes no scanner sends as text (invalid UTF-8, NUL, DEL), then the suffix. */
const NOISE = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x7f, 0xc3]);

const SCANNER_SIM_ACTIONS = ['scan', 'scanPartial', 'scanGarbage', 'unplug', 'replug'] as const satisfies readonly SimAction[];

/**
 * `driver: simulated`: the real serial driver (SerialTransport + CodeFramer)
 * on the simulated scanner's port (the shared paced MockBinding),
 * in-process. The daemon, `kioskctl scanner listen` and tests build it the
 * same way.
 */
export function createSimulatedScanner(o: SimulatedScannerOptions): SimulatedScanner {
  const scanner = new SimScanner(o.framing.suffix, o.timing === 'instant' ? INSTANT_SCAN : REALISTIC_SCAN);
  if (o.startUnplugged) scanner.unplug();
  const device = new ScannerDevice({
    driver: 'simulated',
    log: o.log,
    transport: new SerialTransport({ path: scanner.port.path, baudRate: o.baud ?? 9600, binding: scanner.port.binding }),
    framing: o.framing,
    ...(o.repeatWindowMs !== undefined ? { repeatWindowMs: o.repeatWindowMs } : {}),
    ...(o.lifecycle ? { lifecycle: o.lifecycle } : {}),
  });
  device.simulator = scannerSimControl(scanner, device);
  return { device, scanner };
}

/**
 * The SimActions of the simulated scanner (POST /sim/scanner/<action> with
 * {"param": …}, or sim.control): scan <text> (the code and the suffix),
 * scanPartial <text> (the first half and no suffix: the scanner stops
 * mid-code), scanGarbage [hex bytes] (line noise, then the suffix), unplug, replug.
 */
function scannerSimControl(scanner: SimScanner, device: ScannerDevice): SimulatorControl {
  const text = (param: string | undefined, action: string) => {
    if (!param) throw new DeviceCommandError('invalidArgs', `${action} needs the text to scan as its param`);
    if (param.length > SIM_SCAN_MAX) throw new DeviceCommandError('invalidArgs', `${action}: at most ${SIM_SCAN_MAX} characters`);
    return param;
  };
  const connected = () => {
    if (!scanner.connected) throw new DeviceCommandError('offline', 'the simulated scanner is not connected (unplugged, or the daemon has not opened it yet)');
  };
  return {
    actions: SCANNER_SIM_ACTIONS,
    async perform(action, param) {
      switch (action) {
        case 'scan':
          connected();
          return scanner.scan(text(param, 'scan'));
        case 'scanPartial': {
          connected();
          const bytes = Buffer.from(text(param, 'scanPartial'), 'utf8');
          return scanner.send(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))));
        }
        case 'scanGarbage': {
          connected();
          let noise = NOISE;
          if (param) {
            if (!/^([0-9a-fA-F]{2}\s?){1,64}$/.test(param.trim())) throw new DeviceCommandError('invalidArgs', 'scanGarbage param: hex bytes, e.g. "ff fe 00"');
            noise = Buffer.from(param.replace(/\s/g, ''), 'hex');
          }
          return scanner.send(Buffer.concat([noise, SUFFIX_BYTES[scanner.suffix]]));
        }
        case 'unplug':
          scanner.unplug();
          return device.waitForState((s) => s !== 'online' && s !== 'busy');
        case 'replug':
          scanner.replug();
          device.attached();
          return device.waitForState((s) => s === 'online');
        default:
          throw new DeviceCommandError('notSupported', `the scanner simulator cannot ${action}`);
      }
    },
  };
}
