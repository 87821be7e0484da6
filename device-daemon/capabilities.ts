import type { Capability } from './capability';
import { registerStoreApi } from './store/api';
import { registerCardApi } from './devices/id-card/api';
import { registerPrinterApi } from './devices/printer/api';
import { registerCatalogApi } from './catalog/api';
import { registerScannerApi } from './devices/scanner/api';

/** Every capability, in start order (the store first: others record into it). */
export const CAPABILITIES: Array<[string, Capability]> = [
  ['store', registerStoreApi],
  ['card', registerCardApi],
  ['printer', registerPrinterApi],
  ['catalog', registerCatalogApi],
  ['scanner', (ctx) => registerScannerApi(ctx)],
];
