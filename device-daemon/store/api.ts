import { createHash } from 'node:crypto';
import type { CapabilityContext } from '../capability';
import { ApiFailure } from '../api/router';
import type { CommandResult } from '../../contract/api';
import { EVALUATION_LEVELS, type CaseProgress, type OutboxStatus, type RecordSet, type SubmitArgs } from '../../contract/api/submission';
import { maskIdNumber, maskName } from '../../contract/domain/mask';
import { createPlatform } from '../platform';
import { PlatformError, type PersonQuery, type Platform } from '../platform/types';
import { SATISFACTION, type WireCase, type WireSubmission } from '../platform/wire';
import { SyncWorker, type StoredPayload } from '../platform/sync-worker';
import { CalendarSource } from '../calendar/calendar-source';
import { parseCaseNumber } from '../../contract/domain/case-number';
import { chinaIso } from '../../contract/domain/china-time';
import { COMPLAINT_RESPONSE, promisedDate } from '../calendar/promise-rules';
import { catalogItem, type CatalogItem } from '../catalog';
import { checkForm } from '../catalog/form-check';
import { asApiFailure } from '../capabilities/failures';
import { openStoreFile, type OpenProblem } from './db';
import { SCHEMA_VERSION } from './migrations';
import { readerAddress, readerIdentity, type IdentitySource, type SessionIdentity } from './session-identity';
import { KioskStore } from './store';
import { IdempotencyConflict, type Submission } from './submissions';
import { caseProgress } from './progress';
import { registerDocumentCommands } from '../documents';

// Store, outbox and platform commands (issue 5): submission.submit,
// case.progress, records.query, outbox.status; events submission.accepted,
// staff.called, outbox.status; /health sections store, outbox, calendar.

export interface StoreDeps {
  /** Who the identified person of this session is (tests inject one; default: the card reader's session record). */
  identity?: IdentitySource;
  /** The address on the session's card (post delivery with addressFrom 'card'); default: the card reader's record. */
  address?: () => string | undefined;
  calendar?: CalendarSource;
  /** The catalog item an application names (default: the catalog being served). */
  item?: (code: string) => CatalogItem | undefined;
  now?: () => number;
  /** How often to try again when the store file is locked by another process. */
  lockedRetryMs?: number;
}

/** Default delivery backoff where the config has none (embedded mode: only local failures). */
const EMBEDDED_BACKOFF = { baseMs: 2000, maxMs: 60_000 };
const RETENTION_SWEEP_MS = 3600_000;

type StoreState =
  | { state: 'ok'; store: KioskStore; platform: Platform; worker: SyncWorker }
  | { state: 'unavailable'; problem: OpenProblem | 'closed'; message: string; since: number };

export interface StoreHandle {
  /** The open store and platform, or undefined while unavailable. */
  current(): Extract<StoreState, { state: 'ok' }> | undefined;
  stop(): Promise<void>;
}

export function registerStoreApi(ctx: CapabilityContext): void {
  createStoreCapability(ctx);
}

export function createStoreCapability(ctx: CapabilityContext, deps: StoreDeps = {}): StoreHandle {
  const { config, log } = ctx;
  const file = config.storage.path;
  const now = deps.now ?? Date.now;
  const identity = deps.identity ?? readerIdentity(ctx.registry);
  const cardAddress = deps.address ?? readerAddress(ctx.registry);
  const calendar = deps.calendar ?? new CalendarSource();
  const itemOf = deps.item ?? catalogItem;
  let st: StoreState = { state: 'unavailable', problem: 'closed', message: 'not opened yet', since: now() };
  let retryTimer: NodeJS.Timeout | undefined;
  let lastEmitted = '';
  let droppedWhileUnavailable = 0;
  /** Case numbers accepted in this session: only their receipts can be printed here. */
  const sessionCases = new Set<string>();

  const open = (): void => {
    // At start, wait up to 2 s for a lock; background retries must not stall the event loop.
    const r = openStoreFile(file, { busyTimeoutMs: retryTimer ? 50 : 2000 });
    if (!r.ok) {
      const hint =
        r.problem === 'corrupt'
          ? `The file was left in place, untouched, for forensics. Submissions are refused until a technician moves it aside (e.g. mv ${file} ${file}.corrupt-$(date +%Y%m%dT%H%M%S)) and restarts the daemon, which then starts a new, empty store.`
          : r.problem === 'locked'
            ? `Another process holds it (a second daemon? a backup tool?). Submissions are refused; the daemon tries again every ${Math.round((deps.lockedRetryMs ?? 5000) / 1000)} s.`
            : r.problem === 'newerSchema'
              ? 'Install the daemon version that wrote it; the file was not changed.'
              : 'Check the path, permissions and free disk space; the file was not changed.';
      const message = `store ${file} is unusable (${r.problem}): ${r.message}. ${hint}`;
      const prev = st.state === 'unavailable' && st.problem === r.problem ? st : undefined;
      st = { state: 'unavailable', problem: r.problem, message, since: prev?.since ?? now() };
      const wasSame = prev !== undefined;
      if (!wasSame) {
        process.stderr.write(`\n*** STORE UNAVAILABLE: ${message}\n\n`);
        log.error({ store: file, problem: r.problem }, message);
      }
      if (r.problem === 'locked' && !retryTimer) {
        retryTimer = setInterval(open, deps.lockedRetryMs ?? 5000);
        retryTimer.unref();
      }
      return;
    }
    if (retryTimer) clearInterval(retryTimer);
    retryTimer = undefined;
    try {
      const store = new KioskStore(r.db);
      const platform = createPlatform(config, r.db, log, now);
      const worker = new SyncWorker(
        {
          store: store.submissions,
          platform,
          terminalId: config.terminalId,
          log,
          backoff: config.platform.mode === 'http' ? config.platform.retry : EMBEDDED_BACKOFF,
          onChange: () => publishStatus(),
          now,
        },
        chinaIso,
      );
      st = { state: 'ok', store, platform, worker };
      store.audit.append('store.opened', { created: r.created, migratedFrom: r.migratedFrom, schema: SCHEMA_VERSION, platform: platform.mode });
      log.info({ store: file, created: r.created, migratedFrom: r.migratedFrom, schema: SCHEMA_VERSION, platform: platform.mode }, 'store open');
    } catch (err) {
      // Never let a start-up fault here take the whole daemon down (this also runs from a timer).
      r.db.close();
      const message = `store ${file} could not be started: ${(err as Error).message}`;
      st = { state: 'unavailable', problem: 'unusable', message, since: now() };
      process.stderr.write(`\n*** STORE UNAVAILABLE: ${message}\n\n`);
      log.error({ store: file, err: (err as Error).stack }, message);
      return;
    }
    sweepRetention();
    st.worker.start();
    publishStatus();
  };

  const sweepRetention = (): void => {
    if (st.state !== 'ok') return;
    try {
      const cutoff = now() - config.storage.retentionDays * 86400_000;
      const n = st.store.submissions.purgeDelivered(cutoff, now());
      if (n) log.info({ purged: n, retentionDays: config.storage.retentionDays }, 'retention: personal data of delivered and parked submissions purged');
      const cases = st.platform.purgePersonalData?.(cutoff) ?? 0;
      if (cases) {
        st.store.audit.append('retention.purgedPlatformCases', { cases, before: new Date(cutoff).toISOString() }, now());
        log.info({ cases, retentionDays: config.storage.retentionDays }, 'retention: personal data of embedded platform cases purged');
      }
    } catch (err) {
      log.error({ err: (err as Error).message }, 'retention sweep failed');
    }
  };
  const sweepTimer = setInterval(sweepRetention, RETENTION_SWEEP_MS);
  sweepTimer.unref();

  const require = (): Extract<StoreState, { state: 'ok' }> => {
    if (st.state !== 'ok') throw new ApiFailure('storeUnavailable', st.message);
    return st;
  };

  /** A store call that fails at run time (disk full, I/O error) is storeUnavailable, never a silent loss. */
  const guarded = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof ApiFailure || err instanceof IdempotencyConflict) throw err;
      log.error({ err: (err as Error).message, code: (err as { code?: string }).code }, 'store operation failed');
      throw new ApiFailure('storeUnavailable', `the store could not save: ${(err as Error).message}`);
    }
  };

  const outboxStatus = (): OutboxStatus => {
    const platform = { mode: config.platform.mode, link: st.state === 'ok' ? st.platform.link().state : ('unknown' as const) };
    if (st.state !== 'ok') {
      return { store: 'unavailable', platform, depth: { application: 0, evaluation: 0, complaint: 0, callStaff: 0 }, total: 0, oldestAgeSec: null, parked: { rejected: 0, needsStaff: 0 }, lastError: null };
    }
    const q = st.store.submissions.status();
    return {
      store: 'ok',
      platform,
      depth: q.depth,
      total: q.total,
      oldestAgeSec: q.oldestAcceptedAt === null ? null : Math.max(0, Math.round((now() - q.oldestAcceptedAt) / 1000)),
      parked: q.parked,
      lastError: q.lastError && { at: chinaIso(q.lastError.at), caseNo: q.lastError.caseNo, code: q.lastError.code, message: q.lastError.message },
    };
  };

  /** outbox.status goes out when what a technician acts on changes (not every second of age). */
  function publishStatus(): void {
    const s = outboxStatus();
    const key = JSON.stringify([s.store, s.platform.link, s.depth, s.parked, s.lastError]);
    if (key === lastEmitted) return;
    lastEmitted = key;
    ctx.emit('outbox.status', s);
  }

  const person = (o: Extract<StoreState, { state: 'ok' }>, id: SessionIdentity): PersonQuery => ({
    idNumber: id.idNumber,
    name: id.name,
    applicantRef: o.store.applicantRef(id.idNumber),
  });

  /** The catalog item of an application, which must be an apply item, with answers and materials that fit it. */
  const applicationItem = (args: Extract<SubmitArgs, { kind: 'application' }>, at: number): CatalogItem => {
    const item = itemOf(args.itemCode);
    if (!item) throw new ApiFailure('invalidArgs', `itemCode ${JSON.stringify(args.itemCode)} is not an item of the service catalog`, { field: 'itemCode', reason: 'unknownItem' });
    if (item.terminal.mode !== 'apply') {
      throw new ApiFailure('invalidArgs', `itemCode ${args.itemCode}: this item cannot be applied for at this terminal (${item.terminal.mode})`, { field: 'itemCode', reason: 'notApply' });
    }
    try {
      checkForm(item, args.payload, new Date(at), 'payload.');
    } catch (err) {
      asApiFailure(err);
    }
    return item;
  };

  const requireIdentity = (what: string): SessionIdentity => {
    const id = identity();
    if (!id) throw new ApiFailure('noSession', `${what} needs the resident's ID card read in this session`);
    return id;
  };

  // ── submission.submit ───────────────────────────────────────────────
  ctx.router.register('submission.submit', (input) => {
    // The router hands over the parsed value (defaults applied); its Handler type names the input side.
    const args = input as SubmitArgs;
    const o = require();
    const requestHash = hashRequest(args);
    const answer = (s: Submission, duplicate: boolean): CommandResult<'submission.submit'> => ({
      caseNo: s.caseNo,
      acceptedAt: chinaIso(s.acceptedAt),
      promisedDate: s.promisedDate,
      provisional: s.provisional,
      duplicate,
    });
    const seen = guarded(() => o.store.submissions.findByKey(args.idempotencyKey));
    if (seen) {
      if (seen.requestHash !== requestHash) throw conflict();
      sessionCases.add(seen.caseNo);
      return answer(seen, true);
    }
    const id = args.kind === 'application' || args.applicant === 'sessionCard' ? requireIdentity(`this ${args.kind}`) : undefined;
    const acceptedAt = now();
    const item = args.kind === 'application' ? applicationItem(args, acceptedAt) : undefined;
    const data = wireData(args);
    if (args.kind === 'application' && 'addressFrom' in args.payload.delivery) {
      const address = cardAddress();
      if (!address) throw new ApiFailure('noSession', 'delivery by post to the card address needs a card with an address read in this session');
      (data as { delivery: unknown }).delivery = { method: 'post', address };
    }
    const rule = item ? item.timeLimit : args.kind === 'complaint' ? COMPLAINT_RESPONSE : undefined;
    const due = rule ? promisedDate(rule, acceptedAt, calendar.get()) : null;
    const payload: StoredPayload = { applicant: id ? { cardKind: id.kind, name: id.name, idNumber: id.idNumber } : null, data };
    let r;
    try {
      r = guarded(() =>
        o.store.submissions.accept({
          terminalId: config.terminalId,
          kind: args.kind,
          idempotencyKey: args.idempotencyKey,
          requestHash,
          itemCode: 'itemCode' in args ? (args.itemCode ?? null) : null,
          payload,
          ...(id ? { applicant: { ref: o.store.applicantRef(id.idNumber), masked: maskIdNumber(id.idNumber) } } : {}),
          promised: due && { date: due.date, provisional: due.provisional },
          acceptedAt,
        }),
      );
    } catch (err) {
      if (err instanceof IdempotencyConflict) throw conflict();
      throw err;
    }
    const s = r.submission;
    sessionCases.add(s.caseNo);
    if (!r.duplicate) {
      log.info({ caseNo: s.caseNo, kind: s.kind, itemCode: s.itemCode, applicant: s.applicantMasked, provisional: s.provisional }, 'submission accepted');
      if (due?.provisional) log.warn({ caseNo: s.caseNo, missingYears: due.missingYears }, 'promised date is provisional: the holiday calendar lacks a year');
      ctx.emit('submission.accepted', { caseNo: s.caseNo, kind: s.kind, itemCode: s.itemCode, acceptedAt: chinaIso(s.acceptedAt), promisedDate: s.promisedDate, provisional: s.provisional });
      if (args.kind === 'callStaff') {
        ctx.emit('staff.called', { caseNo: s.caseNo, reason: args.payload.reason, ...(args.payload.note ? { note: args.payload.note } : {}), at: chinaIso(s.acceptedAt) });
      }
      o.worker.kick(s.kind);
      publishStatus();
    }
    return answer(s, r.duplicate);
  });

  // ── case.progress ───────────────────────────────────────────────────
  ctx.router.register('case.progress', async (args) => {
    const o = require();
    if ('caseNo' in args) {
      const parsed = parseCaseNumber(args.caseNo);
      if (!parsed.ok) throw new ApiFailure('invalidArgs', `case number ${JSON.stringify(args.caseNo)}: ${parsed.message}`, { field: 'caseNo', reason: parsed.reason });
      const local = guarded(() => o.store.submissions.findByCaseNo(parsed.caseNo));
      let remote: WireCase | undefined;
      if (!local || local.state === 'delivered') {
        try {
          remote = await o.platform.progress(parsed.caseNo);
        } catch (err) {
          if (!local) throw platformFailure(err);
          log.warn({ caseNo: parsed.caseNo, err: (err as Error).message }, 'progress: platform not reachable, answering from the terminal');
        }
      }
      if (!local && !remote) throw new ApiFailure('notFound', `no case ${parsed.caseNo} is known`);
      return { cases: [caseProgress(local, remote, o.store.submissions)] };
    }
    const id = requireIdentity('looking up your cases');
    const p = person(o, id);
    const locals = guarded(() => o.store.submissions.findByApplicant(p.applicantRef));
    let remotes: WireCase[] = [];
    try {
      remotes = await o.platform.casesOf(p);
    } catch (err) {
      if (!locals.length) throw platformFailure(err);
      log.warn({ err: (err as Error).message }, 'progress by card: platform not reachable, answering from the terminal');
    }
    const byCase = new Map<string, { local?: Submission; remote?: WireCase }>();
    for (const l of locals) byCase.set(l.caseNo, { local: l });
    for (const r of remotes) byCase.set(r.caseNo, { ...byCase.get(r.caseNo), remote: r });
    const cases: CaseProgress[] = [...byCase.values()].map((c) => caseProgress(c.local, c.remote, o.store.submissions));
    cases.sort((a, b) => a.acceptedAt.localeCompare(b.acceptedAt));
    return { cases };
  });

  // ── records.query ───────────────────────────────────────────────────
  ctx.router.register('records.query', async ({ recordType }): Promise<RecordSet> => {
    const o = require();
    const id = requireIdentity('a record query');
    let set;
    try {
      set = await o.platform.records(person(o, id), recordType);
    } catch (err) {
      throw platformFailure(err);
    }
    guarded(() => {
      o.store.audit.append('records.queried', { recordType, found: set !== undefined, person: maskIdNumber(id.idNumber) });
      o.store.counters.add('recordQueries');
    });
    if (!set) throw new ApiFailure('notFound', `the platform has no ${recordType} record for this person`);
    const { holder, ...rest } = set;
    return { ...rest, holder: { maskedName: maskName(holder.name), maskedIdNumber: maskIdNumber(holder.idNumber) } };
  });

  ctx.router.register('outbox.status', () => outboxStatus());

  // ── counters and audit from other capabilities ──────────────────────
  const record = (fn: (o: Extract<StoreState, { state: 'ok' }>) => void): void => {
    if (st.state !== 'ok') {
      droppedWhileUnavailable++;
      return;
    }
    try {
      fn(st);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'could not record a counter or audit entry');
    }
  };
  ctx.bus.on('counter', (name, amount) => record((o) => o.store.counters.add(name, amount, now())));
  ctx.bus.on('audit', (entry) => record((o) => o.store.audit.append(entry.action, entry.detail, now())));
  registerDocumentCommands(ctx, {
    sessionCase: (caseNo) => (sessionCases.has(caseNo) ? guarded(() => require().store.submissions.findByCaseNo(caseNo)) : undefined),
    person: (what) => {
      const id = requireIdentity(what);
      return { query: person(require(), id), masked: maskIdNumber(id.idNumber) };
    },
    records: async (q, recordType) => {
      try {
        return await require().platform.records(q, recordType);
      } catch (err) {
        throw platformFailure(err);
      }
    },
  });

  ctx.addSessionWiper((opts) => {
    sessionCases.clear();
    // Only an ended session counts (not the safety wipes when a page connects or leaves).
    if (!opts?.boundary) record((o) => o.store.counters.add('sessions', 1, now()));
    return []; // the store keeps nothing of a session beyond its submissions
  });

  ctx.addHealth('store', () =>
    st.state === 'ok'
      ? { state: 'ok', file, schemaVersion: SCHEMA_VERSION, retentionDays: config.storage.retentionDays }
      : { state: 'unavailable', file, problem: st.problem, message: st.message, since: chinaIso(st.since), countersDropped: droppedWhileUnavailable },
  );
  ctx.addHealth('outbox', () => {
    const s = outboxStatus();
    return st.state === 'ok' && st.platform.link().reason ? { ...s, linkReason: st.platform.link().reason } : s;
  });
  ctx.addHealth('calendar', () => calendar.coverage(now()));

  const stop = async (): Promise<void> => {
    clearInterval(sweepTimer);
    if (retryTimer) clearInterval(retryTimer);
    if (st.state === 'ok') {
      const o = st;
      st = { state: 'unavailable', problem: 'closed', message: 'the daemon is stopping', since: now() };
      await o.worker.stop();
      o.store.close();
    }
  };
  ctx.addService({ name: 'store', stop });

  open();
  return { current: () => (st.state === 'ok' ? st : undefined), stop };
}

function conflict(): ApiFailure {
  return new ApiFailure('invalidArgs', 'this idempotencyKey was already used for a different submission; generate a new key for a new submission', {
    field: 'idempotencyKey',
  });
}

function platformFailure(err: unknown): ApiFailure {
  if (err instanceof ApiFailure) return err;
  if (err instanceof PlatformError) {
    if (err.disposition === 'giveUp') return new ApiFailure('platformRejected', err.message);
    if (err.disposition === 'needsStaff') return new ApiFailure('needsStaff', err.message);
    return new ApiFailure('platformUnavailable', err.message);
  }
  return new ApiFailure('platformUnavailable', (err as Error).message);
}

/** Same submission, same hash: keys sorted so a resend is recognised whatever order the UI serialised it in. */
function hashRequest(args: SubmitArgs): string {
  return createHash('sha256').update(canonicalJson(args)).digest('hex');
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The kind's data as the platform contract carries it; referenced case numbers are checked and canonical. */
function wireData(args: SubmitArgs): WireSubmission['data'] {
  const caseRef = (field: string, v: string | undefined): string | undefined => {
    if (v === undefined) return undefined;
    const p = parseCaseNumber(v);
    if (!p.ok) throw new ApiFailure('invalidArgs', `${field} ${JSON.stringify(v)}: ${p.message}`, { field, reason: p.reason });
    return p.caseNo;
  };
  const strip = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  switch (args.kind) {
    case 'application':
      return strip({ ...args.payload });
    case 'evaluation': {
      const level = args.payload.level as keyof typeof EVALUATION_LEVELS;
      return strip({
        satisfaction: SATISFACTION[level - 1],
        satisfactionLabel: EVALUATION_LEVELS[level],
        relatedCaseNo: caseRef('payload.caseNo', args.payload.caseNo),
        indicators: args.payload.reasons,
        comment: args.payload.comment,
        anonymous: args.payload.anonymous,
      });
    }
    case 'complaint':
      return strip({ ...args.payload, relatedCaseNo: caseRef('payload.relatedCaseNo', args.payload.relatedCaseNo) });
    case 'callStaff':
      return strip({ ...args.payload });
  }
}
