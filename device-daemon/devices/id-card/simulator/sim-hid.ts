import { SimulatedHidBackend } from '../../simulation/simulated-hid';
import type { HidWrapper } from '../transport/hid-wrapper';
import type { SamSimulator } from './sam-simulator';

/**
 * A simulated HID reader: the SAM module behind a vendor wrapper, on the
 * shared simulated HID device. Output reports are unwrapped with the
 * wrapper's device side and fed to the module; replies are wrapped into
 * input reports, one per 1 ms USB frame (full-speed interrupt endpoint).
 * Pass `backend` to the HID transport; unplug() fails its open handle and
 * replug() powers the module up again.
 */
export class SimHidReader {
  readonly backend: SimulatedHidBackend;

  constructor(
    readonly sim: SamSimulator,
    readonly wrapper: HidWrapper,
    info: { vendorId?: number; productId?: number; serialNumber?: string } = {},
  ) {
    const ids = wrapper.knownIds[0]!;
    const decoder = wrapper.deviceDecoder();
    this.backend = new SimulatedHidBackend({
      interfaces: [
        {
          vendorId: info.vendorId ?? parseInt(ids.vendorId, 16),
          productId: info.productId ?? parseInt(ids.productId, 16),
          ...(info.serialNumber ? { serialNumber: info.serialNumber } : {}),
        },
      ],
      reportBytes: wrapper.reportBytes,
      onOutput: (report) => {
        const sam = decoder.push(report);
        if (sam.length) sim.receive(sam);
      },
    });
    sim.wire = {
      send: async (frame, abort) => {
        const reports = wrapper.deviceEncode(frame);
        const perReport = frame.length / reports.length;
        await this.backend.sendReports(reports, (i) => !!abort?.(Math.round(i * perReport)));
      },
    };
  }

  unplug(): void {
    this.backend.unplug();
  }

  replug(): void {
    if (this.backend.isPlugged) return;
    this.backend.replug();
    this.sim.powerCycle();
  }
}
