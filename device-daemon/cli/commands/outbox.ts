import type { Command } from 'commander';
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { AuditStore } from '../../store/audit';
import { CalendarSource, DEFAULT_CALENDAR_PATH } from '../../calendar/calendar-source';
import { chinaDate, chinaIso } from '../../../contract/domain/china-time';
import { CounterStore } from '../../store/counters';
import { openStoreFile } from '../../store/db';
import { SubmissionStore } from '../../store/submissions';
import { calendarSource, sayCalendarSource, sayStoreSource, type StoreSource, type StoreSourceOpts, storeSource } from '../read-source';
import { DEFAULT_CONFIG } from './config';
import { registerOutboxRetry } from './outbox-retry';

// kioskctl outbox | outbox list | counters | audit | calendar check.
// They read the store file directly and read-only (WAL lets them run beside
// the daemon), so they work when the daemon is down or its API is not
// answering; each says on stderr (and in --json's source) which file it read
// and whether a daemon runs beside it. Everything printed is masked: the store keeps full ID numbers
// only inside application payloads, which these commands never print.

interface DbOpts extends StoreSourceOpts {
  json?: boolean;
}

/** Runs `fn` on the store file read-only, after saying on stderr which file and whether a daemon runs beside it. */
async function withStore<T>(opts: DbOpts, fn: (db: Database.Database, source: StoreSource) => T): Promise<T> {
  const source = await storeSource(opts);
  const r = openStoreFile(source.file, { readonly: true, busyTimeoutMs: 2000 });
  if (!r.ok) throw new Error(`cannot read the store ${source.file}: ${r.message}`);
  sayStoreSource(source);
  try {
    return fn(r.db, source);
  } finally {
    r.db.close();
  }
}

const out = (s: string) => process.stdout.write(`${s}\n`);
const age = (ms: number) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : ms < 3600_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3600_000).toFixed(1)} h`);

function dbOptions(c: Command): Command {
  return c
    .option('-c, --config <file>', "config file: the running daemon's store is read (its /health names it), else the config's storage.path", DEFAULT_CONFIG)
    .option('-p, --port <port>', "the daemon's port, instead of server.port in the config")
    .option('--db <file>', 'store file, instead of the daemon’s or the config’s')
    .option('--json', 'print JSON');
}

/** A SubmissionStore over a read-only connection: only its read methods are used here. */
function stores(db: Database.Database) {
  const audit = new AuditStore(db);
  const counters = new CounterStore(db);
  return { audit, counters, submissions: new SubmissionStore(db, audit, counters) };
}

export function registerOutboxCommands(program: Command): void {
  const outbox = program.command('outbox').description('delivery queue to the platform (default: status)');
  dbOptions(outbox.command('status', { isDefault: true }).description('depth per kind, oldest waiting, parked, recent errors, calendar warning')).action(async (opts: DbOpts) => {
    const cal = new CalendarSource(DEFAULT_CALENDAR_PATH).coverage();
    await withStore(opts, (db, source) => {
      const { file } = source;
      const { submissions } = stores(db);
      const s = submissions.status();
      const errors = db
        .prepare<[], { at: number; case_no: string; outcome: string; code: string | null; message: string | null }>(
          "SELECT a.at, s.case_no, a.outcome, a.code, a.message FROM delivery_attempts a JOIN submissions s ON s.id = a.submission_id WHERE a.outcome <> 'delivered' ORDER BY a.id DESC LIMIT 5",
        )
        .all();
      if (opts.json) return out(JSON.stringify({ file, source, ...s, recentErrors: errors, calendar: cal }, null, 2));
      out(`store ${file}`);
      out(`waiting: ${s.total}  (application ${s.depth.application}, evaluation ${s.depth.evaluation}, complaint ${s.depth.complaint}, callStaff ${s.depth.callStaff})`);
      out(`oldest waiting: ${s.oldestAcceptedAt === null ? '—' : `${age(Date.now() - s.oldestAcceptedAt)} (accepted ${chinaIso(s.oldestAcceptedAt)})`}`);
      out(`parked: rejected ${s.parked.rejected}, needs staff ${s.parked.needsStaff}`);
      if (errors.length) {
        out('recent delivery errors:');
        for (const e of errors) out(`  ${chinaIso(e.at)}  ${e.case_no}  ${e.outcome.padEnd(10)} ${e.code ?? ''}  ${e.message ?? ''}`);
      }
      if (cal.warning) out(`WARNING: ${cal.warning}`);
      if (cal.loadError) out(`WARNING: ${cal.loadError}`);
    });
  });

  dbOptions(outbox.command('list').description('recent submissions with their delivery state (no personal data)'))
    .option('-n, --limit <n>', 'how many', '20')
    .option('--state <state>', 'only pending | delivered | rejected | needsStaff')
    .action(async (opts: DbOpts & { limit: string; state?: string }) => {
      await withStore(opts, (db) => {
        const states = ['pending', 'delivered', 'rejected', 'needsStaff'] as const;
        const state = states.find((x) => x === opts.state);
        if (opts.state && !state) throw new Error(`--state must be one of ${states.join(', ')}`);
        const list = stores(db)
          .submissions.recent(Number(opts.limit), state)
          .map((x) => ({
            caseNo: x.caseNo,
            kind: x.kind,
            itemCode: x.itemCode,
            state: x.state,
            attempts: x.attempts,
            acceptedAt: chinaIso(x.acceptedAt),
            deliveredAt: x.deliveredAt === null ? null : chinaIso(x.deliveredAt),
            promisedDate: x.promisedDate,
            provisional: x.provisional,
            applicant: x.applicantMasked,
            purged: x.purgedAt !== null,
            lastError: x.lastError,
          }));
        if (opts.json) return out(JSON.stringify(list, null, 2));
        if (!list.length) return out('no submissions');
        for (const x of list) {
          out(
            `${x.caseNo}  ${x.kind.padEnd(11)} ${x.state.padEnd(10)} tries ${String(x.attempts).padStart(2)}  accepted ${x.acceptedAt}` +
              `${x.promisedDate ? `  due ${x.provisional ? '预计 ' : ''}${x.promisedDate}` : ''}${x.applicant ? `  ${x.applicant}` : ''}${x.lastError && x.state !== 'delivered' ? `  — ${x.lastError}` : ''}`,
          );
        }
      });
    });

  registerOutboxRetry(outbox);

  dbOptions(program.command('counters').description('daily counters: sessions, card reads, prints, paper, errors, submissions'))
    .option('-d, --date <YYYY-MM-DD>', 'day (China time); default today')
    .action(async (opts: DbOpts & { date?: string }) => {
      const day = opts.date ?? chinaDate(Date.now());
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error('--date must be YYYY-MM-DD');
      await withStore(opts, (db, source) => {
        const c = stores(db).counters.read(day);
        if (opts.json) return out(JSON.stringify({ day, counters: c, source }, null, 2));
        out(`counters for ${day}:`);
        if (!Object.keys(c).length) out('  (none)');
        for (const [k, v] of Object.entries(c)) out(`  ${k.padEnd(24)} ${v}`);
      });
    });

  dbOptions(program.command('audit').description('recent audit entries (masked)'))
    .option('-n, --limit <n>', 'how many', '50')
    .action(async (opts: DbOpts & { limit: string }) => {
      await withStore(opts, (db) => {
        const list = stores(db).audit.list(Number(opts.limit));
        if (opts.json)
          return out(
            JSON.stringify(
              list.map((e) => ({ ...e, at: chinaIso(e.at) })),
              null,
              2,
            ),
          );
        for (const e of list) out(`${chinaIso(e.at)}  ${e.action.padEnd(24)} ${e.detail ? JSON.stringify(e.detail) : ''}`);
      });
    });

  program
    .command('calendar')
    .description('working-day calendar (holidays and 调休)')
    .command('check [file]')
    .description('years covered; warns when the current or next year is missing (exit 1)')
    .option('--json', 'print JSON')
    .action((file: string | undefined, opts: { json?: boolean }) => {
      const cal = new CalendarSource(resolve(file ?? DEFAULT_CALENDAR_PATH)).coverage();
      const source = calendarSource(cal.file);
      sayCalendarSource(source);
      if (opts.json) out(JSON.stringify({ ...cal, source }, null, 2));
      else {
        out(`${cal.file}: years ${cal.years.length ? cal.years.join(', ') : 'none'}`);
        if (cal.loadError) out(`ERROR: ${cal.loadError}`);
        if (cal.warning) out(`WARNING: ${cal.warning}`);
        if (!cal.warning && !cal.loadError) out(`ok: ${cal.currentYear} and ${cal.currentYear + 1} are covered`);
      }
      process.exitCode = cal.warning || cal.loadError ? 1 : 0;
    });
}
