import type { Capability } from './capability';
import { registerStoreApi } from './store/api';
import { registerCardApi } from './devices/id-card/api';
import { registerPrinterApi } from './devices/printer/api';
import { registerCatalogApi } from './catalog/api';
import { registerScannerApi } from './devices/scanner/api';
import { registerPrecheck } from './capabilities/precheck';
import { catalogStore } from './catalog';
import { IdCardReaderDevice } from './devices/id-card/reader-device';

/** Every capability, in start order (the store first: others record into it). */
export const CAPABILITIES: Array<[string, Capability]> = [
  ['store', registerStoreApi],
  ['card', registerCardApi],
  ['printer', registerPrinterApi],
  ['catalog', registerCatalogApi],
  ['scanner', (ctx) => registerScannerApi(ctx)],
  [
    'precheck',
    (ctx) => {
      const reader = ctx.registry.get('idCardReader');
      registerPrecheck(ctx.router, {
        catalog: catalogStore()!,
        sessionCard: reader instanceof IdCardReaderDevice ? reader : { sessionCard: () => undefined },
        print: (req) => ctx.router.invoke('printer.print', req as never),
        clock: { now: Date.now },
      });
    },
  ],
];
