import { chmodSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SHIPPED = resolve(__dirname, '../../../../kiosk.config.json');

/** A copy of the shipped config in a fresh directory, mode 0640 as on a terminal. */
export function scratchConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-discovery-'));
  const file = join(dir, 'kiosk.config.json');
  copyFileSync(SHIPPED, file);
  chmodSync(file, 0o640);
  return file;
}
