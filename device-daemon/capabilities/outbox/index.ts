import type { OutboxStatus } from '../../../contract/api/submission';
import { chinaIso } from '../../../contract/domain/china-time';
import { ApiFailure } from '../../api/router';
import type { TechnicianAuth } from '../../auth/technician-auth';
import type { Capability, CapabilityContext } from '../../capability';
import { SyncWorker } from '../../platform/sync-worker';
import { technicianRefusal } from '../maintenance/pin-refusal';
import { type RequeueWhich, requeueParked } from './requeue-parked';

/** Delivery backoff where the config has none (embedded mode: only local failures). */
const EMBEDDED_BACKOFF = { baseMs: 2000, maxMs: 60_000 };
const NO_DEPTH = { application: 0, evaluation: 0, complaint: 0, callStaff: 0 };

/**
 * The outbox and its sync worker: the worker starts once the store is open
 * and is kicked by every stored submission; outbox.status answers the queue
 * (depth per kind, oldest age, parked, last error) and is announced when what
 * a technician acts on changes, not every second of age. outbox.requeue is
 * kioskctl's `outbox retry` while the daemon runs: the technician PIN checked
 * by `auth` (the one lockout ledger), the parked cases re-queued and the
 * worker woken at once.
 */
export function createOutboxCapability(ctx: CapabilityContext, root: { auth?: TechnicianAuth } = {}): Capability {
  const { config, log, router, bus, services } = ctx;
  const { store, clock } = services;
  let worker: SyncWorker | undefined;
  let lastEmitted = '';
  const offs: Array<() => void> = [];

  const status = (): OutboxStatus => {
    const o = store.current();
    const platform = { mode: config.platform.mode, link: o ? o.platform.link().state : ('unknown' as const) };
    if (!o) return { store: 'unavailable', platform, depth: NO_DEPTH, total: 0, oldestAgeSec: null, parked: { rejected: 0, needsStaff: 0 }, lastError: null };
    const q = o.store.submissions.status();
    return {
      store: 'ok',
      platform,
      depth: q.depth,
      total: q.total,
      oldestAgeSec: q.oldestAcceptedAt === null ? null : Math.max(0, Math.round((clock.now() - q.oldestAcceptedAt) / 1000)),
      parked: q.parked,
      lastError: q.lastError && { at: chinaIso(q.lastError.at), caseNo: q.lastError.caseNo, code: q.lastError.code, message: q.lastError.message },
    };
  };

  const publish = (): void => {
    const s = status();
    const key = JSON.stringify([s.store, s.platform.link, s.depth, s.parked, s.lastError]);
    if (key === lastEmitted) return;
    lastEmitted = key;
    ctx.emit('outbox.status', s);
  };

  const requeue = async (pin: string, which: RequeueWhich) => {
    if (!root.auth) throw new ApiFailure('notSupported', 'this daemon checks no technician PIN: use kioskctl outbox retry on the store file');
    const outcome = await root.auth.verify(pin, 'outbox retry');
    if (!outcome.ok) throw technicianRefusal(outcome, 'technician actions are');
    const requeued = store.run((o) => requeueParked(o.store.submissions, which, clock.now()));
    log.info({ requeued: requeued.length, all: 'allParked' in which }, 'parked submissions re-queued by a technician');
    if (requeued.length) worker?.kick();
    publish();
    return { requeued };
  };

  return {
    name: 'outbox',
    start() {
      router.register('outbox.status', () => status());
      router.register('outbox.requeue', ({ pin, ...which }) => requeue(pin, which));
      ctx.addHealth('outbox', () => {
        const reason = store.current()?.platform.link().reason;
        return reason ? { ...status(), linkReason: reason } : status();
      });
      offs.push(
        bus.on('submissionStored', (kind) => {
          worker?.kick(kind);
          publish();
        }),
        bus.on('outboxRetry', () => {
          const o = store.current();
          if (!o) return;
          const due = o.store.submissions.retryNow(clock.now());
          log.info({ due }, 'outbox retry asked for: pending submissions are due now');
          worker?.kick();
        }),
      );
      store.onOpen((o) => {
        // Demo mode switches stores: the worker of the store closed goes with it; the demo store's outbox is never delivered.
        void worker?.stop();
        worker = undefined;
        if (!o.demo) {
          const backoff = config.platform.mode === 'http' ? config.platform.retry : EMBEDDED_BACKOFF;
          worker = new SyncWorker({ store: o.store.submissions, platform: o.platform, terminalId: config.terminalId, log, backoff, onChange: publish, clock }, chinaIso);
          worker.start();
        }
        publish();
      });
    },
    async stop() {
      for (const off of offs.splice(0)) off();
      await worker?.stop();
    },
  };
}
