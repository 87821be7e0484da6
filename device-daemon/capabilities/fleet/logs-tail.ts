import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { maskDeep, maskText } from '../../../contract/domain/mask-deep';

const TAIL_BYTES = 256 * 1024;

/**
 * The last `lines` lines of daemon.log, each masked again (personal keys by
 * name, ID and mobile numbers anywhere in a string): the log is masked when
 * written, this is the second line of defence before anything leaves the terminal.
 */
export function logsTail(dir: string, lines: number): string[] {
  const file = join(dir, 'daemon.log');
  const size = statSync(file).size;
  const length = Math.min(size, TAIL_BYTES);
  const buf = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  const all = buf.toString('utf8').split('\n').filter(Boolean);
  // The first line of a window that starts mid-file is partial.
  const whole = length < size ? all.slice(1) : all;
  return whole.slice(-lines).map(maskLine);
}

function maskLine(line: string): string {
  try {
    return JSON.stringify(maskDeep(JSON.parse(line)));
  } catch {
    return maskText(line);
  }
}
