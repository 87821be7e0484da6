import type { DeviceId, DeviceStatus } from '../../contract/api';
import type { SimulatorControl } from './device';
import type { Device } from './device';
import type { DeviceContext } from './context';
import { createIdCardReader } from './id-card';
import { createPrinter } from './printer';
import { createEvalDisplay } from './eval-display';
import { createScanner } from './scanner';
import { allSimulated, demoDevices } from './demo-devices';

/** Owns every device of the terminal: creates them from config, starts and stops them together. */
export class DeviceRegistry {
  readonly devices: ReadonlyMap<DeviceId, Device>;

  private readonly configured: Partial<Record<string, { driver: string }>>;

  /** Every device runs on its simulator (so demo mode may start without swapping anything). */
  readonly simulatesAll: boolean;

  /**
   * `demo`: demo / training mode from boot: the simulators stand in for
   * every device the config drives for real (demoDevices).
   */
  constructor(ctx: DeviceContext, extra: Device[] = [], opts: { demo?: boolean } = {}) {
    if (opts.demo) ctx = { ...ctx, config: demoDevices(ctx.config) };
    this.simulatesAll = allSimulated(ctx.config);
    this.configured = ctx.config.devices as Partial<Record<string, { driver: string }>>;
    const scanner = createScanner(ctx);
    const list = [createIdCardReader(ctx), createPrinter(ctx), createEvalDisplay(ctx), ...(scanner ? [scanner] : []), ...extra];
    this.devices = new Map(list.map((d) => [d.id, d]));
  }

  get<T extends Device = Device>(id: DeviceId): T | undefined {
    return this.devices.get(id) as T | undefined;
  }

  /**
   * The simulator controls of a device that really is simulated: configured
   * with driver "simulated" and running as one. A real driver never answers
   * /sim or sim.control, whatever object it happens to be.
   */
  simulatorOf(id: DeviceId): SimulatorControl | undefined {
    const d = this.devices.get(id);
    if (!d?.simulator || d.driver !== 'simulated') return undefined;
    const cfg = this.configured[id];
    if (cfg && cfg.driver !== 'simulated') return undefined;
    return d.simulator;
  }

  /** The devices with working simulator controls. */
  simulatedIds(): DeviceId[] {
    return [...this.devices.keys()].filter((id) => this.simulatorOf(id));
  }

  statuses(): DeviceStatus[] {
    return [...this.devices.values()].map((d) => d.status());
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    const offs = [...this.devices.values()].map((d) => d.onStatus(listener));
    return () => {
      for (const off of offs) off();
    };
  }

  async startAll(): Promise<void> {
    await Promise.all([...this.devices.values()].map((d) => d.start()));
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.devices.values()].map((d) => d.stop()));
  }

  /** Session end: every device forgets what it held for the resident (each in its own wipeSession). */
  wipeSession(): string[] {
    return [...this.devices.values()].flatMap((d) => d.wipeSession?.() ?? []);
  }
}
