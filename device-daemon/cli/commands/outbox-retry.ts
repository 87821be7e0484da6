import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load';
import { AuditStore } from '../../store/audit';
import { CounterStore } from '../../store/counters';
import { openStoreFile } from '../../store/db';
import { SubmissionStore } from '../../store/submissions';
import { ROOT_DIR } from '../../version';
import { daemonRunning } from '../daemon-link';
import { technicianGate } from '../technician-gate';
import { DEFAULT_CONFIG } from './config';

/** Exit codes of `outbox retry` (4, PIN refused, is the technician gate's). */
const RETRY_EXIT = { requeued: 0, nothingParked: 2, storeUnavailable: 3 } as const;

interface RetryOpts {
  config: string;
  db?: string;
  json?: boolean;
  allParked?: boolean;
}

/** Who re-queued, as the audit trail names it (a staff decision names the staff number). */
const BY = { staffNo: 'technician (kioskctl)' };

/**
 * kioskctl outbox retry <caseNo> | --all-parked: parked submissions (refused
 * for good, or waiting for staff) go back to the queue, due at once, audited.
 * Written on the store file in one transaction per case (WAL: safe beside a
 * running daemon, whose sync worker looks at the queue again within its idle
 * re-check and sends them).
 */
export function registerOutboxRetry(outbox: Command): void {
  outbox
    .command('retry [caseNo]')
    .description(
      `re-queue a parked submission (rejected or needsStaff), or all of them with --all-parked; asks for the technician PIN. Exit ${RETRY_EXIT.requeued} re-queued, ${RETRY_EXIT.nothingParked} nothing parked to re-queue, ${RETRY_EXIT.storeUnavailable} the store cannot be opened, 4 PIN refused`,
    )
    .option('-c, --config <file>', 'config file (its storage.path is used)', DEFAULT_CONFIG)
    .option('--db <file>', 'store file, instead of the one in the config')
    .option('--all-parked', 'every parked submission')
    .option('--json', 'print JSON')
    .action(async (caseNo: string | undefined, opts: RetryOpts) => {
      if (!caseNo === !opts.allParked) throw new Error('name one case number, or --all-parked');
      const cfg = loadConfig(resolve(opts.config));
      if (!(await technicianGate(cfg, 'outbox retry'))) return;
      const file = opts.db ?? resolve(ROOT_DIR, cfg.storage.path);
      const r = openStoreFile(file, { refuseEmpty: true, busyTimeoutMs: 5000 });
      if (!r.ok) {
        process.stderr.write(`kioskctl: cannot open the store ${file}: ${r.message}\n`);
        process.exitCode = RETRY_EXIT.storeUnavailable;
        return;
      }
      let requeued: string[];
      try {
        const audit = new AuditStore(r.db);
        const submissions = new SubmissionStore(r.db, audit, new CounterStore(r.db));
        const cases = caseNo
          ? [caseNo]
          : r.db
              .prepare<[], { case_no: string }>("SELECT case_no FROM submissions WHERE state IN ('rejected', 'needsStaff') ORDER BY id")
              .all()
              .map((x) => x.case_no);
        const now = Date.now();
        requeued = cases.filter((c) => submissions.requeue(c, BY, now));
      } finally {
        r.db.close();
      }
      const running = await daemonRunning(resolve(opts.config));
      const via = running
        ? 'written on the store file beside the running daemon: its sync worker sends them at its next look at the queue (within 30 s)'
        : 'written on the store file: no daemon is running; they are sent when it starts';
      process.exitCode = requeued.length ? RETRY_EXIT.requeued : RETRY_EXIT.nothingParked;
      if (opts.json) return void process.stdout.write(`${JSON.stringify({ requeued, daemonRunning: running, via: 'storeFile' }, null, 2)}\n`);
      process.stdout.write(
        requeued.length ? `re-queued ${requeued.join(', ')} (${via})\n` : `nothing re-queued: ${caseNo ? `${caseNo} is not parked (delivered, pending or unknown)` : 'no submission is parked'}\n`,
      );
    });
}
