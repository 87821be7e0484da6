import type { HidWrapper } from './hid-wrapper';
import { miaxisWrapper } from './hid-miaxis';

/** Vendor wrappers by config variant. Adding a vendor: one file like hid-miaxis.ts and one line here. */
export const HID_WRAPPERS: Readonly<Record<string, HidWrapper>> = { miaxis: miaxisWrapper };
