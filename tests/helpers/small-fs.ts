import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real, small file system for disk-full and read-only tests: a tmpfs of a
 * fixed size mounted on a fresh directory. Mounting needs root (CI runs as
 * root); where it is not possible `mountSmallFs` answers why, and the test
 * that needs it says so (skipped with that reason, never passed).
 */
export interface SmallFs {
  dir: string;
  /** Write filler until the file system says ENOSPC; returns the bytes written. */
  fill(): number;
  /** Remove the filler: the space is free again. */
  free(): void;
  readOnly(): void;
  readWrite(): void;
  /** Unmount (lazily if a process still holds a file) and remove the directory. */
  dispose(): void;
}

export function smallFsUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root (id -u is not 0)';
  const probe = mountSmallFs(64);
  if (typeof probe === 'string') return probe;
  probe.dispose();
  return undefined;
}

export function mountSmallFs(sizeKb: number): SmallFs | string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-smallfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0755`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs: ${(err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message}`;
  }
  const filler = join(dir, 'filler');
  const remount = (mode: 'ro' | 'rw') => execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'pipe' });
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024);
      let total = 0;
      try {
        for (;;) total += writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        closeSync(fd);
      }
      // The last partial blocks: byte by byte is not needed, a small chunk is enough to leave nothing usable.
      const fd2 = openSync(filler, 'a');
      try {
        for (;;) total += writeSync(fd2, Buffer.alloc(512));
      } catch {
        /* ENOSPC: full */
      } finally {
        closeSync(fd2);
      }
      return total;
    },
    free() {
      unlinkSync(filler);
    },
    readOnly: () => remount('ro'),
    readWrite: () => remount('rw'),
    dispose() {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe' });
      } catch {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
