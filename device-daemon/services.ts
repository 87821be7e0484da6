import { dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { DeviceId } from '../contract/api';
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
import { EscposPrinterDevice } from './devices/printer/printer-device';
import type { DeviceRegistry } from './devices/registry';
import { ScannerDevice } from './devices/scanner/scanner-device';
import { EvalDeviceBase } from './devices/eval-display/eval-device-base';
import { ROOT_DIR } from './version';
import { deleteStoreFiles, demoStorePath } from './store/demo-store-file';
import { StoreService } from './store/store-service';

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
    // The reader in use now (demo mode swaps it); without a reader this build can drive, no card is ever held.
    sessionCard: { sessionCard: () => devices.reader?.sessionCard() },
    sessionCases: new Set(),
    consent: new SessionConsent(),
    staffOnTerminal: new SessionStaff(),
    print: createPrintPath({ config, clock, printer: () => devices.printer, demo: () => store.isDemo() }),
    devices,
  };
}

/**
 * The devices typed by class, read from the registry on every use: demo mode
 * swaps the devices in use, so nobody keeps one of these past a call (event
 * listeners follow the swap with followDevice).
 */
function typedDevices(registry: DeviceRegistry): Devices {
  const typed = <T>(id: DeviceId, cls: abstract new (...args: never[]) => T): T | undefined => {
    const d = registry.get(id);
    return d instanceof cls ? d : undefined;
  };
  return {
    registry,
    get reader() {
      return typed('idCardReader', IdCardReaderDevice);
    },
    get printer() {
      return typed('printer', EscposPrinterDevice);
    },
    get scanner() {
      return typed('scanner', ScannerDevice);
    },
    get evalDisplay() {
      return typed('evalDisplay', EvalDeviceBase);
    },
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
