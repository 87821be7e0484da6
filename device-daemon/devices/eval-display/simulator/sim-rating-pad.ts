import { keepRecent } from '../../simulation/recent';
import { SimulatedHidBackend } from '../../simulation/simulated-hid';
import { PAD_REPORT_BYTES } from '../rating-pad/pad-framing';

/** A rating pad's USB identity as the simulator enumerates it (vendor-defined usage page 0xFF00). */
export const SIM_PAD_IDS = { vendorId: '0x1d6b', productId: '0x5a01' };

/**
 * A five-key rating pad on the simulated HID backend: a press is a report
 * with the key then an all-up report, one per 1 ms USB frame; output reports
 * (LED bits) are recorded.
 */
export class SimRatingPad {
  readonly backend: SimulatedHidBackend;
  /** LED bits of the latest output reports received (bounded, see keepRecent). */
  readonly leds: number[] = [];

  constructor() {
    this.backend = new SimulatedHidBackend({
      interfaces: [{ vendorId: Number.parseInt(SIM_PAD_IDS.vendorId, 16), productId: Number.parseInt(SIM_PAD_IDS.productId, 16), usagePage: 0xff00, usage: 0x01 }],
      reportBytes: PAD_REPORT_BYTES,
      onOutput: (r) => keepRecent(this.leds, r[0] ?? 0),
    });
  }

  get connected(): boolean {
    return this.backend.isPlugged;
  }

  /** Key 1–5 pressed and released; `bounces` extra down/up pairs follow at once, as a worn contact makes. */
  press(key: number, bounces = 0): Promise<number> {
    const down = report(key);
    const up = report(0);
    const reports = [down, up];
    for (let i = 0; i < bounces; i++) reports.push(down, up);
    return this.backend.sendReports(reports);
  }

  /** Reports no pad sends (key numbers past 5). */
  garbage(keys: number[]): Promise<number> {
    return this.backend.sendReports(keys.map(report));
  }
}

function report(key: number): Buffer {
  const r = Buffer.alloc(PAD_REPORT_BYTES);
  r[0] = key;
  return r;
}
