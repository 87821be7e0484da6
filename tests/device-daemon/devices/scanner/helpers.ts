import pino from 'pino';
import type { DeviceState } from '../../../../contract/api';
import type { FramerOptions } from '../../../../device-daemon/devices/scanner/code-framer';
import type { ScannerDevice } from '../../../../device-daemon/devices/scanner/scanner-device';
import { createSimulatedScanner, type SimulatedScannerOptions } from '../../../../device-daemon/devices/scanner/simulator/simulated-scanner';
import { waitUntil } from '../../../helpers/wait';

export const silent = pino({ level: 'silent' });

export const waitFor = async (pred: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> => void (await waitUntil(pred, { timeoutMs, what, intervalMs: 2 }));

export const waitState = (d: ScannerDevice, s: DeviceState, timeoutMs = 5000) => waitFor(() => d.status().state === s, timeoutMs, `state ${s} (is ${d.status().state})`);

/** The real serial driver on the simulated scanner's paced MockBinding, recording what it reports. */
export async function startSimScanner(framing: Partial<FramerOptions> = {}, o: Partial<SimulatedScannerOptions> = {}) {
  const s = createSimulatedScanner({
    log: silent,
    timing: 'instant',
    baud: 9600,
    repeatWindowMs: 0,
    lifecycle: { retryDelayMs: () => 50 },
    ...o,
    framing: { suffix: 'CR', maxLength: 512, interByteTimeoutMs: 100, ...framing },
  });
  const codes: string[] = [];
  const discards: Array<{ reason: string; bytes: number }> = [];
  s.device.onCode((c) => codes.push(c.text));
  s.device.onDiscard((d) => discards.push(d));
  await s.device.start();
  return { ...s, codes, discards };
}
