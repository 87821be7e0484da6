import type { Logger } from 'pino';
import type { SimAction } from '../../../contract/api';
import type { PrinterProfile } from '../../config/schema';
import { SimulatedSerialPort } from '../simulation/simulated-serial-port';
import { SerialTransport } from '../transport/serial-transport';
import { EscposPrinterDevice, type PrinterTiming } from './printer-device';
import { PrinterEmulator, type EmulatorOptions } from './emulator/printer-emulator';
import { DeviceCommandError, type RenderedJobs } from '../device';
import { renderedJobSummary } from './rendered-jobs';

const SIM_BAUD = 115200;

const PRINTER_SIM_ACTIONS = ['paperOut', 'paperLow', 'paperLoad', 'coverOpen', 'coverClose', 'unplug', 'replug'] as const satisfies readonly SimAction[];

/**
 * `driver: simulated`: the real ESC/POS driver and serial transport, talking
 * to the byte-level emulator through the shared simulated serial port
 * (serialport's MockBinding, paced at 115200 baud). Simulator controls
 * change the emulator's mechanism (paper, cover, plug); the driver learns of
 * it only through status bytes.
 */
export class SimulatedPrinter extends EscposPrinterDevice {
  readonly emulator: PrinterEmulator;
  readonly port: SimulatedSerialPort;

  constructor(opts: {
    profile: PrinterProfile;
    log: Logger;
    startUnplugged?: boolean;
    timing?: Partial<PrinterTiming>;
    emulator?: Partial<EmulatorOptions>;
    baudRate?: number;
  }) {
    const p = opts.profile;
    const emulator = new PrinterEmulator({
      encoding: p.encoding,
      paperWidthDots: p.paperWidthDots,
      nativeQr: p.nativeQr,
      autoStatusBack: p.autoStatusBack,
      nearEndSensor: p.nearEndSensor,
      keepJobs: 10,
      ...opts.emulator,
    });
    const port = new SimulatedSerialPort(
      // A lambda, not emulator.receive itself: tests swap the emulator's receive for a dead printer's.
      { receive: (chunk) => emulator.receive(chunk), powerOff: () => emulator.unplug(), powerOn: () => emulator.replug() },
      // Print jobs are long writes: 20 ms bursts keep the timers few without changing when bytes arrive.
      { kind: 'printer', manufacturer: 'Simulated ESC/POS printer', hostSliceMs: 20 },
    );
    emulator.onReply((bytes) => void port.send(bytes));
    if (opts.startUnplugged) port.unplug();
    const baudRate = opts.baudRate ?? SIM_BAUD;
    super({
      driver: 'simulated',
      profile: p,
      transport: new SerialTransport({ path: port.path, baudRate, binding: port.binding }),
      log: opts.log,
      timing: opts.timing,
    });
    this.emulator = emulator;
    this.port = port;
    this.simulator = { actions: PRINTER_SIM_ACTIONS, perform: (action, param) => this.perform(action, param) };
  }

  override async stop(): Promise<void> {
    await super.stop();
    this.emulator.dispose();
  }

  /** What the emulator rendered, read back by printer.lastJobs (training, tests). */
  readonly renderedJobs: RenderedJobs = { last: (limit, svg) => this.emulator.lastJobs(limit).map((p) => renderedJobSummary(p, svg)) };

  /** The rendered pages name the resident (masked) and carry the case number: the next resident must not read them. */
  wipeSession(): string[] {
    const n = this.emulator.clearJobs();
    return n ? [`printer.renderedPages(${n})`] : [];
  }

  private async perform(action: SimAction, param?: string): Promise<void> {
    const emu = this.emulator;
    switch (action) {
      case 'paperOut': {
        // "paperOut" with a number (or afterLines=N): the roll ends N lines into the next job.
        const m = param ? /^(?:afterLines=)?(\d{1,4})$/.exec(param) : null;
        if (param && !m) throw new DeviceCommandError('invalidArgs', 'paperOut param: the number of lines after which the roll ends (e.g. "afterLines=8"), or none');
        if (m) emu.paperOutAfter(Number(m[1]));
        else emu.setCondition({ paper: 'out' });
        break;
      }
      case 'paperLow':
        emu.setCondition({ paper: 'low' });
        break;
      case 'paperLoad':
        emu.setCondition({ paper: 'ok' });
        break;
      case 'coverOpen':
        emu.setCondition({ coverOpen: true });
        break;
      case 'coverClose':
        emu.setCondition({ coverOpen: false });
        break;
      case 'unplug':
        this.port.unplug();
        await this.waitForState((s) => s !== 'online' && s !== 'busy' && s !== 'hardwareError', 1500);
        return;
      case 'replug':
        this.port.replug();
        this.reconnectNow();
        await this.waitForState((s) => s !== 'offline' && s !== 'noDevice' && s !== 'starting', 1500);
        return;
      default:
        throw new DeviceCommandError('notSupported', `the printer simulator cannot ${action}`);
    }
    await this.refreshStatus();
  }
}
