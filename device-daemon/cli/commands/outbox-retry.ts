import type { Command } from 'commander';
import { resolve } from 'node:path';
import { type RequeueWhich, requeueParked } from '../../capabilities/outbox/requeue-parked';
import { loadConfig } from '../../config/load';
import type { KioskConfig } from '../../config/schema';
import { AuditStore } from '../../store/audit';
import { CounterStore } from '../../store/counters';
import { openStoreFile } from '../../store/db';
import { SubmissionStore } from '../../store/submissions';
import { ROOT_DIR } from '../../version';
import { DaemonApi } from '../daemon-api';
import { daemonRunning } from '../daemon-link';
import { technicianCall, technicianGate } from '../technician-gate';
import { DEFAULT_CONFIG } from './config';

/** Exit codes of `outbox retry` (4, PIN refused, is the technician gate's). */
const RETRY_EXIT = { requeued: 0, nothingParked: 2, storeUnavailable: 3, failed: 1 } as const;

interface RetryOpts {
  config: string;
  port?: string;
  db?: string;
  json?: boolean;
  allParked?: boolean;
}

type Done = { requeued: string[]; via: 'daemon' | 'storeFile'; daemonRunning: boolean; note: string };

/** Through the running daemon, which owns the queue: it checks the PIN and wakes its sync worker. */
async function viaDaemon(api: DaemonApi, which: RequeueWhich): Promise<Done | undefined> {
  const r = await technicianCall(api, 'outbox.requeue', which, 'outbox retry');
  if (!r) return undefined;
  if (r.ok) return { requeued: (r.result as { requeued: string[] }).requeued, via: 'daemon', daemonRunning: true, note: 'through the running daemon: its sync worker sends them now' };
  process.stderr.write(`kioskctl: the daemon refused: ${r.error.message}\n`);
  process.exitCode = r.error.code === 'storeUnavailable' ? RETRY_EXIT.storeUnavailable : RETRY_EXIT.failed;
  return undefined;
}

/** On the store file (no daemon answers, or --db): one transaction per case (WAL: safe beside a daemon too). */
async function viaStoreFile(cfg: KioskConfig, opts: RetryOpts, which: RequeueWhich, why: string): Promise<Done | undefined> {
  // With --db a daemon may run all the same: said, as its worker only sees them at its next idle look (within 30 s).
  const running = opts.db !== undefined && (await daemonRunning(resolve(opts.config), opts.port));
  if (!(await technicianGate(cfg, 'outbox retry'))) return undefined;
  const file = opts.db ?? resolve(ROOT_DIR, cfg.storage.path);
  const r = openStoreFile(file, { refuseEmpty: true, busyTimeoutMs: 5000 });
  if (!r.ok) {
    process.stderr.write(`kioskctl: cannot open the store ${file}: ${r.message}\n`);
    process.exitCode = RETRY_EXIT.storeUnavailable;
    return undefined;
  }
  try {
    const audit = new AuditStore(r.db);
    const requeued = requeueParked(new SubmissionStore(r.db, audit, new CounterStore(r.db)), which, Date.now());
    const after = running ? 'the running daemon sends them at its next look at the queue (within 30 s)' : 'they are sent when a daemon runs';
    return { requeued, via: 'storeFile', daemonRunning: running, note: `written on the store file (${why}); ${after}` };
  } finally {
    r.db.close();
  }
}

/**
 * kioskctl outbox retry <caseNo> | --all-parked: parked submissions (refused
 * for good, or waiting for staff) go back to the queue, due at once, audited.
 * A running daemon owns the outbox, so it is asked (outbox.requeue, the PIN
 * checked there); with none, or with --db, the store file is written.
 */
export function registerOutboxRetry(outbox: Command): void {
  outbox
    .command('retry [caseNo]')
    .description(
      `re-queue a parked submission (rejected or needsStaff), or all of them with --all-parked; asks for the technician PIN. Through the running daemon when one answers, else on the store file. Exit ${RETRY_EXIT.requeued} re-queued, ${RETRY_EXIT.nothingParked} nothing parked to re-queue, ${RETRY_EXIT.storeUnavailable} the store cannot be opened, 4 PIN refused`,
    )
    .option('-c, --config <file>', 'config file (its server.port and storage.path are used)', DEFAULT_CONFIG)
    .option('--port <n>', 'the daemon’s port, instead of server.port')
    .option('--db <file>', 'work on this store file, not through the daemon')
    .option('--all-parked', 'every parked submission')
    .option('--json', 'print JSON')
    .action(async (caseNo: string | undefined, opts: RetryOpts) => {
      if (!caseNo === !opts.allParked) throw new Error('name one case number, or --all-parked');
      const which: RequeueWhich = caseNo ? { caseNo } : { allParked: true };
      const cfg = loadConfig(resolve(opts.config));
      const api = opts.db ? { error: '--db names the file' } : await DaemonApi.connect(cfg, opts.port);
      let done: Done | undefined;
      if ('error' in api) done = await viaStoreFile(cfg, opts, which, api.error);
      else {
        try {
          done = await viaDaemon(api, which);
        } finally {
          api.close();
        }
      }
      if (!done) return;
      const { requeued } = done;
      process.exitCode = requeued.length ? RETRY_EXIT.requeued : RETRY_EXIT.nothingParked;
      if (opts.json) return void process.stdout.write(`${JSON.stringify({ requeued, daemonRunning: done.daemonRunning, via: done.via }, null, 2)}\n`);
      process.stdout.write(
        requeued.length
          ? `re-queued ${requeued.join(', ')} (${done.note})\n`
          : `nothing re-queued: ${caseNo ? `${caseNo} is not parked (delivered, pending or unknown)` : 'no submission is parked'}\n`,
      );
    });
}
