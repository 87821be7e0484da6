import { closeSync, fstatSync, openSync, readSync, statSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Why following stopped. */
type FollowEnd = 'signal' | 'rotated';

/** A log opened once: what it held up to its last whole line, then everything written to that same file. */
export interface LogFollower {
  /** The file's text when it was opened, up to its last whole line (a line still being written comes through `follow`, whole). */
  readonly text: string;
  /** Hands each new complete line to `onLine` until SIGINT/SIGTERM or until the log is rotated away. */
  follow(onLine: (line: string) => void): Promise<FollowEnd>;
  close(): void;
}

/**
 * Opens the log at `path` and reads what it holds from that one descriptor, so
 * the lines printed first and the lines followed afterwards come from the same
 * file: read by path and then opened again, a rotation in between would leave
 * the follower on the new file (the old file's last lines lost, the rotation
 * never seen). Following stops at SIGINT/SIGTERM or once the file at `path`
 * is no longer the one opened (rotated to `.1` or removed): what the old file
 * still held is read to its end first. Watches the directory (inotify), which
 * sees both appends and the rename.
 */
export function openLogFollower(path: string): LogFollower {
  const fd = openSync(path, 'r');
  const ino = fstatSync(fd).ino;
  let pos = 0;
  let partial = '';
  let closed = false;
  const readNew = (): string => {
    const size = fstatSync(fd).size;
    if (size < pos) pos = 0; // truncated in place: start again from its beginning
    const parts: Buffer[] = [];
    while (pos < size) {
      const buf = Buffer.alloc(Math.min(size - pos, 1 << 20));
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n <= 0) break;
      pos += n;
      parts.push(buf.subarray(0, n));
    }
    return Buffer.concat(parts).toString('utf8');
  };
  const close = () => {
    if (closed) return;
    closed = true;
    closeSync(fd);
  };
  const first = readNew();
  const cut = first.lastIndexOf('\n') + 1;
  partial = first.slice(cut);
  const replaced = () => {
    try {
      return statSync(path).ino !== ino;
    } catch {
      return true; // renamed away and not yet recreated
    }
  };
  return {
    text: first.slice(0, cut),
    close,
    follow(onLine) {
      const drain = () => {
        const lines = (partial + readNew()).split('\n');
        partial = lines.pop() ?? '';
        for (const l of lines) if (l) onLine(l);
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
          close();
          resolve(why);
        }
        // Whatever came between the open and the watch, and a rotation already done by then.
        drain();
        if (replaced()) end('rotated');
      });
    },
  };
}
