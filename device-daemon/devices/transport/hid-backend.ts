/** The part of node-hid's HIDAsync a HID transport uses (the simulated backend implements it too). */
export interface HidDeviceLike {
  write(data: number[] | Buffer): Promise<number>;
  on(event: 'data', fn: (report: Buffer) => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
  close(): Promise<void>;
}

/** One HID interface as enumeration shows it; a composite device lists one per interface. */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string;
  serialNumber?: string;
  /** Top-level usage of the interface (hidraw reports it): 0x01/0x06 is a keyboard. */
  usagePage?: number;
  usage?: number;
}

/** Enumerates and opens HID devices: node-hid on hardware, SimulatedHidBackend in simulators and tests. */
export interface HidBackend {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidDeviceLike>;
}

/** node-hid, loaded on first use: its native part needs libudev and libusb-1.0 at run time. */
export const nodeHidBackend: HidBackend = {
  async devices() {
    return (await loadNodeHid()).devicesAsync();
  },
  async open(path: string) {
    return (await loadNodeHid()).HIDAsync.open(path) as unknown as Promise<HidDeviceLike>;
  },
};

async function loadNodeHid(): Promise<typeof import('node-hid')> {
  try {
    const mod = (await import('node-hid')) as typeof import('node-hid') & { default?: typeof import('node-hid') };
    const hid = mod.default ?? mod;
    hid.devices; // touch: the binding loads lazily on first call, which is where a missing libusb shows
    return hid;
  } catch (err) {
    throw new Error(`node-hid cannot load (${(err as Error).message}); install libusb-1.0-0 and libudev1`);
  }
}
