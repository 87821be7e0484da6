import type { DeviceId, DeviceStatus } from '../api/contract';
import type { Device } from './device';
import type { DeviceContext } from './context';
import { createIdCardReader } from './id-card';
import { createPrinter } from './printer';
import { SimulatedPrinter } from './printer/simulated-printer';
import { createEvalDisplay } from './eval-display';
import { createScanner } from './scanner';

/** Owns every device of the terminal: creates them from config, starts and stops them together. */
export class DeviceRegistry {
  readonly devices: ReadonlyMap<DeviceId, Device>;

  constructor(ctx: DeviceContext, extra: Device[] = []) {
    const scanner = createScanner(ctx);
    const list = [createIdCardReader(ctx), createPrinter(ctx), createEvalDisplay(ctx), ...(scanner ? [scanner] : []), ...extra];
    this.devices = new Map(list.map((d) => [d.id, d]));
  }

  get<T extends Device = Device>(id: DeviceId): T | undefined {
    return this.devices.get(id) as T | undefined;
  }

  statuses(): DeviceStatus[] {
    return [...this.devices.values()].map((d) => d.status());
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    const offs = [...this.devices.values()].map((d) => d.onStatus(listener));
    return () => offs.forEach((off) => off());
  }

  async startAll(): Promise<void> {
    await Promise.all([...this.devices.values()].map((d) => d.start()));
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.devices.values()].map((d) => d.stop()));
  }

  /** Session end: every device forgets what it held for the resident. */
  wipeSession(): string[] {
    const wiped = [...this.devices.values()].flatMap((d) => d.wipeSession?.() ?? []);
    // The simulated printer's emulator keeps its last rendered pages (printer.lastJobs): what the
    // resident printed (masked name, ID, phone) must not be readable by the next one.
    for (const d of this.devices.values()) {
      if (d instanceof SimulatedPrinter) {
        const n = d.emulator.clearJobs();
        if (n) wiped.push(`printer.renderedPages(${n})`);
      }
    }
    return wiped;
  }
}
