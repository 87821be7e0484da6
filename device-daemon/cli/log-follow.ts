import { closeSync, fstatSync, openSync, readSync, statSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Why following stopped. */
export type FollowEnd = 'signal' | 'rotated';

/**
 * Follows a growing log file from `fromByte`, handing each complete line to
 * `onLine`, until SIGINT/SIGTERM or until the file at `path` is no longer
 * the one opened (the log rotated it to `.1` or removed it): what the old
 * file still held is read to its end first, so no line is lost at the seam.
 * Watches the directory (inotify), which sees both appends and the rename.
 */
export function followLog(path: string, fromByte: number, onLine: (line: string) => void): Promise<FollowEnd> {
  const fd = openSync(path, 'r');
  const ino = fstatSync(fd).ino;
  let pos = fromByte;
  let partial = '';
  const drain = () => {
    const size = fstatSync(fd).size;
    if (size < pos) pos = 0; // truncated in place: start again from its beginning
    while (pos < size) {
      const buf = Buffer.alloc(Math.min(size - pos, 1 << 20));
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n <= 0) break;
      pos += n;
      const text = partial + buf.subarray(0, n).toString('utf8');
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) if (l) onLine(l);
    }
  };
  const replaced = () => {
    try {
      return statSync(path).ino !== ino;
    } catch {
      return true; // renamed away and not yet recreated
    }
  };
  return new Promise<FollowEnd>((resolve) => {
    const watcher = watch(dirname(path), (_event, name) => {
      if (name && name !== basename(path) && !name.startsWith(`${basename(path)}.`)) return;
      drain();
      if (replaced()) end('rotated');
    });
    const onSignal = () => end('signal');
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    function end(why: FollowEnd): void {
      watcher.close();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      drain();
      if (partial) onLine(partial);
      closeSync(fd);
      resolve(why);
    }
    drain();
  });
}
