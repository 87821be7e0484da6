import pino from 'pino';
import type { DeviceState } from '../../../../contract/api';
import type { RatingPress } from '../../../../device-daemon/devices/eval-display/eval-display-device';
import type { EvalDeviceBase } from '../../../../device-daemon/devices/eval-display/eval-device-base';
import type { NextionLayout } from '../../../../device-daemon/devices/eval-display/nextion/nextion-display';
import { createSimulatedNextion, type SimulatedNextionOptions } from '../../../../device-daemon/devices/eval-display/simulator/simulated-nextion';
import { waitUntil } from '../../../helpers/wait';

export const silent = pino({ level: 'silent' });

export const LAYOUT: NextionLayout = { evalPage: 'eval', idlePage: 'idle', qrComponent: 'qr0', captionComponent: 't0', ratingComponents: [1, 2, 3, 4, 5], encoding: 'utf-8' };

export const waitFor = async (pred: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> => void (await waitUntil(pred, { timeoutMs, what, intervalMs: 2 }));
export const waitState = (d: EvalDeviceBase, s: DeviceState, timeoutMs = 5000) => waitFor(() => d.status().state === s, timeoutMs, `state ${s} (is ${d.status().state})`);

const running: Array<{ stop(): Promise<void> }> = [];
/** Stop every device a test started (call from afterEach). */
export async function stopAll(): Promise<void> {
  for (const d of running.splice(0)) await d.stop();
}

/** Keep a started device to stop after the test, recording the presses it reports. */
export function track<T extends EvalDeviceBase>(device: T): { device: T; presses: RatingPress[] } {
  running.push(device);
  const presses: RatingPress[] = [];
  device.onRating((p) => presses.push(p));
  return { device, presses };
}

/** The real Nextion driver on the simulated display (paced MockBinding), started. */
export async function startNextion(o: Partial<Omit<SimulatedNextionOptions, 'layout'>> & { layout?: Partial<NextionLayout> } = {}) {
  const s = createSimulatedNextion({ log: silent, baud: 9600, lifecycle: { retryDelayMs: () => 50 }, ...o, layout: { ...LAYOUT, ...o.layout } });
  const t = track(s.device);
  await s.device.start();
  return { ...s, presses: t.presses };
}

/** An instruction's bytes on the wire: its text in the encoding, then FF FF FF. */
export const wire = (text: string | Buffer) => Buffer.concat([typeof text === 'string' ? Buffer.from(text, 'utf8') : text, Buffer.from([0xff, 0xff, 0xff])]);
