import { startDaemon } from '../../device-daemon/app';
import { systemClock, type Clock } from '../../device-daemon/clock';
import { loadConfig } from '../../device-daemon/config/load';
import type { SpawnedDaemon } from '../../tests/helpers/daemon';
import Database from 'better-sqlite3';
import { join } from 'node:path';

const DAY = 86400_000;

/**
 * After the soak: the daemon started once more on its data dir with its clock
 * moved past storage.retentionDays, so that the retention capability sweeps
 * (it does when the store opens) as it would on that day. Returns how many
 * submissions have their personal part purged.
 */
export async function retentionWithMovedClock(stopped: SpawnedDaemon): Promise<number> {
  const days = loadConfig(stopped.configPath).storage.retentionDays;
  const shift = (days + 1) * DAY;
  const later: Clock = { ...systemClock, now: () => Date.now() + shift };
  const d = await startDaemon({ configPath: stopped.configPath, dataDir: stopped.dataDir, port: 0, quiet: true, serveUi: false, clock: later });
  await d.stop();
  const db = new Database(join(stopped.dataDir, 'kiosk.db'), { readonly: true });
  const { n } = db.prepare('SELECT COUNT(*) AS n FROM submissions WHERE payload IS NULL').get() as { n: number };
  db.close();
  return n;
}
