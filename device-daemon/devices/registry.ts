import type { DeviceId, DeviceStatus } from '../../contract/api';
import type { SimulatorControl } from './device';
import type { Device } from './device';
import type { DeviceContext } from './context';
import { createIdCardReader } from './id-card';
import { createPrinter } from './printer';
import { createEvalDisplay } from './eval-display';
import { createScanner } from './scanner';
import { allSimulated, demoDevices } from './demo-devices';

/** The devices one set of device settings builds, with those settings (simulatorOf checks them). */
interface DeviceSet {
  readonly devices: ReadonlyMap<DeviceId, Device>;
  readonly configured: Partial<Record<string, { driver: string }>>;
}

/**
 * Owns every device of the terminal: creates them from config, starts and
 * stops them together, and says which device is in use for each id. Demo mode
 * at a terminal with real devices puts a set of simulators in use
 * (useSimulators): the configured devices keep running, unused and unheard
 * (their status is not passed on), and are in use again when the mode ends.
 * Whoever holds a device across such a swap follows it with onSwap.
 */
export class DeviceRegistry {
  private readonly configuredSet: DeviceSet;
  private demoSet: DeviceSet | undefined;
  private readonly statusListeners = new Set<(s: DeviceStatus) => void>();
  private readonly swapListeners = new Set<() => void>();
  /** Every configured device runs on its simulator (a training room, a development terminal): demo mode swaps nothing. */
  private readonly simulatesAll: boolean;

  /**
   * `demo`: demo / training mode from boot: the simulators stand in for
   * every device the config drives for real (demoDevices).
   */
  constructor(
    private readonly ctx: DeviceContext,
    extra: Device[] = [],
    opts: { demo?: boolean } = {},
  ) {
    const config = opts.demo ? demoDevices(ctx.config) : ctx.config;
    this.simulatesAll = allSimulated(config);
    this.configuredSet = this.build({ ...ctx, config }, extra);
  }

  /** The devices in use: the configured ones, or the demo simulators while they stand in. */
  get devices(): ReadonlyMap<DeviceId, Device> {
    return this.inUse().devices;
  }

  get<T extends Device = Device>(id: DeviceId): T | undefined {
    return this.devices.get(id) as T | undefined;
  }

  /**
   * The simulator controls of a device that really is simulated: configured
   * (or put in use by demo mode) with driver "simulated" and running as one.
   * A real driver never answers /sim or sim.control, whatever object it happens to be.
   */
  simulatorOf(id: DeviceId): SimulatorControl | undefined {
    const set = this.inUse();
    const d = set.devices.get(id);
    if (!d?.simulator || d.driver !== 'simulated') return undefined;
    const cfg = set.configured[id];
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

  /** Status changes of the devices in use; after a swap, the status of each device now in use. */
  onStatus(listener: (s: DeviceStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Called after the devices in use changed (demo mode began or ended): read the typed devices again. */
  onSwap(listener: () => void): () => void {
    this.swapListeners.add(listener);
    return () => this.swapListeners.delete(listener);
  }

  /**
   * Demo mode: `true` puts simulators in use for every device (started
   * before they are), `false` the configured devices again (the simulators
   * are stopped after). Nothing changes where every configured device is
   * already simulated: those simulators serve the demo as they are.
   */
  async useSimulators(on: boolean): Promise<void> {
    if (on === (this.demoSet !== undefined) || (on && this.simulatesAll)) return;
    const leaving = this.demoSet;
    if (on) {
      const set = this.build({ ...this.ctx, config: demoDevices(this.ctx.config) }, []);
      await Promise.all([...set.devices.values()].map((d) => d.start()));
      this.demoSet = set;
    } else this.demoSet = undefined;
    for (const l of this.swapListeners) l();
    for (const s of this.statuses()) for (const l of this.statusListeners) l(s);
    if (leaving) await stopEach(leaving);
  }

  async startAll(): Promise<void> {
    await Promise.all([...this.configuredSet.devices.values()].map((d) => d.start()));
  }

  async stopAll(): Promise<void> {
    await Promise.all([this.configuredSet, this.demoSet].map((set) => set && stopEach(set)));
  }

  /** Session end: every device, in use or not, forgets what it held for the resident (each in its own wipeSession). */
  wipeSession(): string[] {
    return this.everyDevice().flatMap((d) => d.wipeSession?.() ?? []);
  }

  private inUse(): DeviceSet {
    return this.demoSet ?? this.configuredSet;
  }

  private everyDevice(): Device[] {
    return [this.configuredSet, this.demoSet].flatMap((set) => (set ? [...set.devices.values()] : []));
  }

  /** The devices of these settings; their status reaches the listeners while they are in use. */
  private build(ctx: DeviceContext, extra: Device[]): DeviceSet {
    const scanner = createScanner(ctx);
    const list = [createIdCardReader(ctx), createPrinter(ctx), createEvalDisplay(ctx), ...(scanner ? [scanner] : []), ...extra];
    const set: DeviceSet = { devices: new Map(list.map((d) => [d.id, d])), configured: ctx.config.devices as Partial<Record<string, { driver: string }>> };
    for (const d of list) {
      d.onStatus((s) => {
        if (this.inUse() !== set) return;
        for (const l of this.statusListeners) l(s);
      });
    }
    return set;
  }
}

async function stopEach(set: DeviceSet): Promise<void> {
  await Promise.allSettled([...set.devices.values()].map((d) => d.stop()));
}
