import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { markerPath } from './marker';

/** The demo store lives beside the real one, in a file of its own. */
export function demoStorePath(realPath: string): string {
  return join(dirname(realPath), 'kiosk-demo.db');
}

/** Deletes a store file and everything SQLite and the marker keep beside it; answers what was there. */
export function deleteStoreFiles(file: string): string[] {
  const all = [file, `${file}-wal`, `${file}-shm`, `${file}-journal`, markerPath(file)];
  return all.filter((f) => {
    try {
      rmSync(f);
      return true;
    } catch {
      return false;
    }
  });
}
