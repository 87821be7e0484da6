import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { open, rename } from 'node:fs/promises';

/** The steps of a durable write, in order; a crash test stops the process at each one. */
export type DurableWriteStep = 'tempWritten' | 'previousKept' | 'renamed';

export interface DurableWriteOptions {
  /** Permissions of the new file (default 0600: the terminal's files are its user's alone). */
  mode?: number;
  /** Keep the file being replaced under this name (written durably too), e.g. `kiosk.config.json.bak`. */
  keepPreviousAs?: string;
  /** Called after each step; tests use it to crash there. */
  afterStep?: (step: DurableWriteStep) => void;
}

/**
 * Replace `file` with `text` so that a crash or power cut at any moment leaves
 * the old content or the new one, never half of either: the text goes to a
 * temporary file in the same directory, is fsynced, renamed over the old file,
 * and the directory is fsynced so the rename itself survives. The previous
 * file, when kept, is copied aside the same way before the rename.
 */
export function writeFileDurably(file: string, text: string, opts: DurableWriteOptions = {}): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeAndSync(tmp, text, opts.mode ?? 0o600);
  opts.afterStep?.('tempWritten');
  if (opts.keepPreviousAs && existsSync(file)) {
    const bakTmp = `${opts.keepPreviousAs}.${process.pid}.tmp`;
    copyFileSync(file, bakTmp);
    syncFile(bakTmp);
    renameSync(bakTmp, opts.keepPreviousAs);
    opts.afterStep?.('previousKept');
  }
  renameSync(tmp, file);
  syncDirectory(dirname(file));
  opts.afterStep?.('renamed');
}

function writeAndSync(file: string, text: string, mode: number): void {
  const fd = openSync(file, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The same guarantee without holding the event loop: for a large file
 * written while the daemon serves pages (a refreshed catalog of several MB),
 * where writing and fsyncing in one synchronous call would stall every
 * connection for as long as the disk takes. `chunks` are written in order.
 */
export async function writeFileDurablyAsync(file: string, chunks: readonly string[], mode = 0o600): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const out = await open(tmp, 'w', mode);
  try {
    for (const chunk of chunks) await out.write(chunk);
    await out.sync();
  } finally {
    await out.close();
  }
  await rename(tmp, file);
  const dir = await open(dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
