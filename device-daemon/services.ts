import { dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { CalendarSource } from './calendar/calendar-source';
import { createPrintPath } from './capabilities/printer/print-path';
import { SessionConsent } from './capabilities/session-consent';
import { SessionStaff } from './capabilities/session-staff';
import type { Devices, Services } from './capability';
import { CatalogStore } from './catalog/catalog-store';
import { loadPinyinTable, pinyinTablePath } from './catalog/search-keys';
import type { Clock } from './clock';
import type { KioskConfig } from './config/schema';
import { IdCardReaderDevice } from './devices/id-card/reader-device';
import type { SessionCardHolder } from './devices/id-card/session-card';
import { EscposPrinterDevice } from './devices/printer/printer-device';
import type { DeviceRegistry } from './devices/registry';
import { ScannerDevice } from './devices/scanner/scanner-device';
import { EvalDeviceBase } from './devices/eval-display/eval-device-base';
import { ROOT_DIR } from './version';
import { deleteStoreFiles, demoStorePath } from './store/demo-store-file';
import { StoreService } from './store/store-service';

/** Without a reader this build can drive, no card is ever held. */
const NO_CARD: SessionCardHolder = { sessionCard: () => undefined };

/**
 * The services of the composition root, built once: the store (not opened
 * yet), the catalog (loaded), the holiday calendar, the devices typed by
 * class, the session card (the reader) and the print path other capabilities
 * print through.
 */
export function createServices(root: { config: KioskConfig; log: Logger; registry: DeviceRegistry; clock: Clock }): Services {
  const { config, log, registry, clock } = root;
  const devices = typedDevices(registry);
  // A demo store a crash or the last training day left behind is never opened again: every demo starts empty.
  deleteStoreFiles(demoStorePath(config.storage.path));
  const store = new StoreService({ config, log, now: () => clock.now(), demo: config.demo.trainingRoom });
  return {
    clock,
    store,
    catalog: loadCatalog(config, log),
    calendar: new CalendarSource(),
    sessionCard: devices.reader ?? NO_CARD,
    sessionCases: new Set(),
    consent: new SessionConsent(),
    staffOnTerminal: new SessionStaff(),
    print: createPrintPath({ config, clock, printer: devices.printer, demo: () => store.isDemo() }),
    devices,
  };
}

function typedDevices(registry: DeviceRegistry): Devices {
  const reader = registry.get('idCardReader');
  const printer = registry.get('printer');
  const scanner = registry.get('scanner');
  const evalDisplay = registry.get('evalDisplay');
  return {
    registry,
    reader: reader instanceof IdCardReaderDevice ? reader : undefined,
    printer: printer instanceof EscposPrinterDevice ? printer : undefined,
    scanner: scanner instanceof ScannerDevice ? scanner : undefined,
    evalDisplay: evalDisplay instanceof EvalDeviceBase ? evalDisplay : undefined,
  };
}

/** The shipped catalog and the last accepted platform refresh (kept next to the terminal's other state): the newer valid one is served. */
function loadCatalog(config: KioskConfig, log: Logger): CatalogStore {
  const shipped = resolve(ROOT_DIR, config.catalog.path);
  const catalog = new CatalogStore({
    log: log.child({ capability: 'catalog' }),
    refreshedPath: join(dirname(config.storage.path), 'catalog-refreshed.json'),
    pinyin: loadPinyinTable(pinyinTablePath(shipped)),
  });
  catalog.loadAtBoot(shipped);
  return catalog;
}
