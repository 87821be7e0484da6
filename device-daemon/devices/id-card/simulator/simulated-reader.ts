import type { Logger } from 'pino';
import type { SimAction } from '../../../../contract/api';
import { DeviceCommandError } from '../../device';
import type { SimulatorControl } from '../../device';
import type { LifecycleOptions } from '../../lifecycle-device';
import { SimulatedSerialPort } from '../../simulation/simulated-serial-port';
import { SerialTransport } from '../../transport/serial-transport';
import { IdCardReaderDevice } from '../reader-device';
import { INSTANT_TIMING, REALISTIC_TIMING, SamSimulator, type RemovalMode } from './sam-simulator';
import { DEFAULT_SIM_CARD, simCards } from './sim-cards';

export interface SimulatedReaderOptions {
  log: Logger;
  baud?: number;
  timing?: 'realistic' | 'instant';
  removalMode?: RemovalMode;
  /** Card lying on the reader at start. */
  card?: string;
  startUnplugged?: boolean;
  pollIntervalMs?: number;
  removalPollMs?: number;
  photoDecoder?: string;
  baseDir: string;
  lifecycle?: LifecycleOptions;
}

export interface SimulatedReader {
  device: IdCardReaderDevice;
  sim: SamSimulator;
  port: SimulatedSerialPort;
}

/**
 * `driver: simulated`: the real driver and serial transport on the shared
 * simulated serial port (paced MockBinding), in-process; the SAM module
 * simulator is the device behind it. The daemon, `kioskctl card read`
 * and tests build it the same way.
 */
export function createSimulatedReader(o: SimulatedReaderOptions): SimulatedReader {
  const sim = new SamSimulator({
    timing: o.timing === 'instant' ? INSTANT_TIMING : REALISTIC_TIMING,
    removalMode: o.removalMode ?? 'status41',
    ...(o.card ? { card: o.card } : {}),
  });
  const port = simulatedReaderPort(sim);
  if (o.startUnplugged) port.unplug();
  const device = new IdCardReaderDevice({
    transport: new SerialTransport({ path: port.path, baudRate: o.baud ?? 115200, binding: port.binding }),
    driver: 'simulated',
    log: o.log,
    pollIntervalMs: o.pollIntervalMs ?? 0,
    removalPollMs: o.removalPollMs ?? 300,
    ...(o.photoDecoder ? { photoDecoder: o.photoDecoder } : {}),
    baseDir: o.baseDir,
    ...(o.lifecycle ? { lifecycle: o.lifecycle } : {}),
  });
  device.simulator = readerSimControl(sim, {
    unplug: () => port.unplug(),
    replug: () => {
      port.replug();
      device.attached();
    },
  });
  device.addStopHook(() => sim.stop());
  return { device, sim, port };
}

/** The SAM module on a simulated USB-serial port: host bytes go to the module, its replies leave paced; power follows the plug. */
function simulatedReaderPort(sim: SamSimulator): SimulatedSerialPort {
  const port = new SimulatedSerialPort(
    { receive: (chunk) => sim.receive(chunk), powerOn: () => sim.powerCycle() },
    { kind: 'idcard', name: 'ID-card reader', manufacturer: 'Simulated SAM_V ID-card reader' },
  );
  sim.wire = { send: async (frame, abort) => void (await port.send(frame, abort ? { abort } : {})) };
  return port;
}

/**
 * The SimActions of a simulated reader (POST /sim/idCardReader/<action>,
 * sim.control): insertCard [card id, or id@n to pull it after n reply bytes], removeCard, swapCard [card id],
 * samError [hex SW3, default 60; ",persistent" keeps it until replug; "clear"],
 * unplug, replug.
 */
function readerSimControl(sim: SamSimulator, plug: { unplug(): void; replug(): void }): SimulatorControl {
  const cardId = (param: string | undefined, fallback: string) => {
    const id = param?.trim() || fallback;
    if (!simCards().has(id)) throw new DeviceCommandError('invalidArgs', `no synthetic card ${JSON.stringify(id)}; known: ${[...simCards().keys()].join(', ')}`);
    return id;
  };
  const actions: SimAction[] = ['insertCard', 'removeCard', 'swapCard', 'samError', 'unplug', 'replug'];
  return {
    actions,
    async perform(action, param) {
      switch (action) {
        case 'insertCard': {
          // "<card>@<n>": the resident pulls the card away after n bytes of the read reply and the module stops sending (card removed mid-read).
          const [id, at] = (param ?? '').split('@');
          if (at !== undefined) {
            if (!/^\d{1,5}$/.test(at)) throw new DeviceCommandError('invalidArgs', 'insertCard param: <card id>[@<reply byte at which the card is pulled>]');
            sim.pullCardDuringReply(Number(at), true);
          }
          return sim.place(cardId(id, DEFAULT_SIM_CARD));
        }
        case 'removeCard':
          return sim.remove();
        case 'swapCard': {
          const other = [...simCards().keys()].find((k) => k !== sim.cardId && k !== 'resident-badcheck' && k !== 'resident-damaged') ?? DEFAULT_SIM_CARD;
          return sim.swap(cardId(param, other));
        }
        case 'samError': {
          const p = (param ?? '').trim().toLowerCase();
          if (p === 'clear') return sim.clearFault();
          const [code = '60', mode] = p ? p.split(',') : [];
          if (!/^(0x)?[0-9a-f]{1,2}$/.test(code) || (mode !== undefined && mode !== 'persistent')) {
            throw new DeviceCommandError('invalidArgs', 'samError param: hex SW3 (default 60), optionally ",persistent", or "clear"');
          }
          return sim.injectFault(parseInt(code.replace(/^0x/, ''), 16), mode === 'persistent');
        }
        case 'unplug':
          return plug.unplug();
        case 'replug':
          return plug.replug();
        default:
          throw new DeviceCommandError('notSupported', `the ID-card reader simulator cannot ${action}`);
      }
    },
  };
}
