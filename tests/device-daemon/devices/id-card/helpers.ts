import pino from 'pino';
import type { DeviceState } from '../../../../contract/api';
import { createSimulatedReader, type SimulatedReaderOptions } from '../../../../device-daemon/devices/id-card/simulator/simulated-reader';
import { INSTANT_TIMING, type SimTiming } from '../../../../device-daemon/devices/id-card/simulator/sam-simulator';
import { IdCardReaderDevice, type CardEvent, type IdCardReaderOptions } from '../../../../device-daemon/devices/id-card/reader-device';
import type { ByteTransport } from '../../../../device-daemon/devices/transport/byte-transport';
import { ROOT } from '../../../helpers/daemon';
import { waitUntil } from '../../../helpers/wait';

const silent = pino({ level: 'silent' });

/** The real driver on the simulator's paced MockBinding, not yet started (fast settings for tests). */
export function simReader(o: Partial<SimulatedReaderOptions> & { simTiming?: Partial<SimTiming> } = {}) {
  const r = createSimulatedReader({
    log: silent,
    baseDir: ROOT,
    timing: 'instant',
    pollIntervalMs: 20,
    removalPollMs: 40,
    lifecycle: { retryDelayMs: () => 60 },
    ...o,
  });
  if (o.simTiming) r.sim.timing = { ...INSTANT_TIMING, ...o.simTiming };
  const events: CardEvent[] = [];
  r.device.onCard((e) => events.push(e));
  return { ...r, events };
}

export async function startSimReader(o: Partial<SimulatedReaderOptions> & { simTiming?: Partial<SimTiming> } = {}) {
  const r = simReader(o);
  await r.device.start();
  return r;
}

/** The real driver on a transport of the test's making (a pty, a simulated HID device), fast settings; stopped by `cleanups`. */
export function readerOn(transport: ByteTransport, driver: string, cleanups: Array<() => Promise<void> | void>, o: Partial<IdCardReaderOptions> = {}): IdCardReaderDevice {
  const d = new IdCardReaderDevice({ transport, driver, log: silent, pollIntervalMs: 20, removalPollMs: 40, baseDir: ROOT, lifecycle: { retryDelayMs: () => 80 }, ...o });
  cleanups.push(() => d.stop());
  return d;
}

export const waitFor = async (pred: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> => void (await waitUntil(pred, { timeoutMs, what, intervalMs: 2 }));

export const waitState = (d: IdCardReaderDevice, s: DeviceState, timeoutMs = 5000) => waitFor(() => d.status().state === s, timeoutMs, `state ${s} (is ${d.status().state})`);

/** Await a promise that must reject, and return its code. */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as { code?: string }).code ?? `uncoded: ${(err as Error).message}`;
  }
  throw new Error('expected a rejection');
}
