import type { Devices } from '../capability';

type Slot = Exclude<keyof Devices, 'registry'>;

/**
 * Listens on the device in use in `slot` and, when demo mode swaps the
 * devices, on the one that takes its place (the listeners on the one it
 * replaces are removed): a capability's events always come from the device
 * its commands drive. Returns what removes the listeners for good.
 */
export function followDevice<K extends Slot>(devices: Devices, slot: K, attach: (dev: NonNullable<Devices[K]>) => () => void): () => void {
  const attachCurrent = () => {
    const dev = devices[slot];
    return dev ? attach(dev as NonNullable<Devices[K]>) : undefined;
  };
  let off = attachCurrent();
  const unswap = devices.registry.onSwap(() => {
    off?.();
    off = attachCurrent();
  });
  return () => {
    off?.();
    unswap();
  };
}
