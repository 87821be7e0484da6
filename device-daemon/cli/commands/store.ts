import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load';
import { startNewStore } from '../../store/store-identity';
import { ROOT_DIR } from '../../version';
import { DEFAULT_CONFIG } from './config';

const CONFIRM = '--i-understand-data-loss';

// kioskctl store init: the one way to start a new store where one existed
// (its marker is still there) and the database is missing or empty. The
// daemon never does it on its own: a lost store found silently replaced is
// how case numbers were issued twice.

export function registerStoreCommands(program: Command): void {
  const store = program.command('store').description('the submission store (SQLite) and its marker');
  store
    .command('init')
    .description(
      'start a new, empty store after the old one was lost (missing or empty file): its case numbers continue after the marker beside it, ' +
        'so none is issued twice. Submissions that were only in the lost file are gone. Run it with the daemon stopped, then start the daemon.',
    )
    .option('-c, --config <file>', 'config file (its storage.path is used)', DEFAULT_CONFIG)
    .option('--db <file>', 'store file, instead of the one in the config')
    .option(CONFIRM, 'required: says that the old store is lost')
    .action((opts: { config: string; db?: string; iUnderstandDataLoss?: boolean }) => {
      if (!opts.iUnderstandDataLoss) throw new Error(`store init starts an empty store in place of a lost one: add ${CONFIRM} to confirm`);
      const file = opts.db ?? resolve(ROOT_DIR, loadConfig(resolve(opts.config)).storage.path);
      const r = startNewStore(file);
      process.stdout.write(
        `new store ${r.storeId} at ${file} (previous store ${r.previous}); case numbers continue after the marker's sequences for ${r.continuedDays} day(s)\n` +
          r.movedAside.map((f) => `moved aside: ${f}\n`).join('') +
          'start (or restart) the daemon now.\n',
      );
    });
}
