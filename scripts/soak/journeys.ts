import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogItem } from '../../contract/catalog/catalog-schema';
import type { ConsentPurpose } from '../../contract/api/consent';
import { consentTextVersion } from '../../kiosk-ui/src/flows/consent-text';
import { applicationArgs, precheckArgs } from '../../kiosk-ui/src/flows/service-args';
import { ROOT } from '../../tests/helpers/daemon';
import type { Lane } from './lane';

// The residents' journeys as the UI's flows send them (kiosk-ui/src/flows/*:
// the same commands, arguments and order), each one complete session ending
// with session.end as the session machine sends it. Devices are the daemon's
// simulators at their real pacing (the card read and every printed byte take
// their wire time); the soak adds no think time of its own.

/** Synthetic people of assets/demo/synthetic-people.json with records on the embedded platform. */
const CARDS = ['resident-valid', 'resident-young'] as const;

const JOURNEYS = ['browse', 'apply', 'queryPrint', 'precheck', 'evaluate', 'complain', 'progress', 'abandonMidway', 'idleReset', 'cardLeftBehind'] as const;
export type Journey = (typeof JOURNEYS)[number];

/** What a session shares with the next ones: the card the last resident left, a case to look up, the phones typed. */
export interface KioskState {
  cardInReader: boolean;
  lastCaseNo?: string;
  /** Every phone number the soak typed (synthetic: 139 + the session number), for the privacy audit. */
  phones: Set<string>;
}

interface Ctx {
  lane: Lane;
  state: KioskState;
  n: number;
}

const phoneOf = (n: number): string => `139${String(n % 1e8).padStart(8, '0')}`;

/** The resident agrees on the consent screen (or the complaint's phone field): the page records it with the daemon. */
const consent = (lane: Lane, purpose: ConsentPurpose) => lane.cmd('consent.record', { purpose, textVersion: consentTextVersion(purpose) });

/** The card is placed and read (identify flow): card.read waits, the reader reports card.present; then the journey's consent. */
async function identify({ lane, state, n }: Ctx, purpose: Exclude<ConsentPurpose, 'complaintCallback'>): Promise<void> {
  // Someone else's card still in the reader (left behind): the next resident hands it to staff first.
  if (state.cardInReader) await lane.eventAfter('card.removed', () => lane.sim('idCardReader', 'removeCard'));
  const reading = lane.cmd('card.read', { timeoutMs: 30_000 });
  await lane.sim('idCardReader', 'insertCard', CARDS[n % CARDS.length]);
  state.cardInReader = true;
  await reading;
  await consent(lane, purpose);
}

/** The resident takes the card ("请取走您的身份证" stays until the reader reports it gone). */
async function takeCard({ lane, state }: Ctx): Promise<void> {
  await lane.eventAfter('card.removed', () => lane.sim('idCardReader', 'removeCard'));
  state.cardInReader = false;
}

const end = (lane: Lane, reason: 'user' | 'timeout' | 'reset' = 'user') => lane.cmd('session.end', { reason });

/** Catalog items as the page has them (the shipped catalog file, checked against the contract's schema). */
const ITEMS = new Map(
  (JSON.parse(readFileSync(join(ROOT, 'assets/catalog/catalog.json'), 'utf8')) as { items: unknown[] }).items.map((raw) => {
    const item = CatalogItem.parse(raw);
    return [item.id, item] as const;
  }),
);
const item = (id: string): CatalogItem =>
  ITEMS.get(id) ??
  (() => {
    throw new Error(`no catalog item ${id}`);
  })();

/** 城乡居民基本养老保险参保登记 (WD-KIOSK-001), built by the page's own service-args.ts: every asked answer, materials, delivery. */
function application(n: number, phone: string) {
  return applicationArgs(item('WD-KIOSK-001'), {
    itemId: 'WD-KIOSK-001',
    idempotencyKey: randomUUID(),
    answers: { insuredGroup: 'general', contributionTier: n % 2 ? 't300' : 't500', contactPhone: phone },
    provided: { m2: n % 3 ? 'have' : 'later', m4: 'have' },
    delivery: 'pickup',
  });
}

async function apply(ctx: Ctx, leaveCard: boolean): Promise<void> {
  const { lane, state, n } = ctx;
  await identify(ctx, 'apply');
  const phone = phoneOf(n);
  state.phones.add(phone);
  const { caseNo } = await lane.submit(application(n, phone));
  state.lastCaseNo = caseNo;
  await lane.print('receipt.print', { caseNo });
  if (!leaveCard) await takeCard(ctx);
  await end(lane);
}

const RUNS: Record<Journey, (ctx: Ctx) => Promise<void>> = {
  async browse({ lane }) {
    await lane.cmd('catalog.notice', { itemId: 'WD-KIOSK-001' });
    await lane.print('printer.print', { layout: 'oneTimeNotice', itemId: 'WD-KIOSK-001' });
    await end(lane);
  },
  apply: (ctx) => apply(ctx, false),
  cardLeftBehind: (ctx) => apply(ctx, true),
  async queryPrint(ctx) {
    await identify(ctx, 'queryPrint');
    const recordType = ctx.n % 2 ? 'socialInsurance' : 'pension';
    // resident-young has no pension: the UI shows "no record" and prints nothing
    const found = await ctx.lane.cmd('records.query', { recordType }).then(
      () => true,
      (e: { code?: string }) => (e.code === 'notFound' ? false : Promise.reject(e)),
    );
    if (found) await ctx.lane.print('records.print', { recordType });
    await takeCard(ctx);
    await end(ctx.lane);
  },
  async precheck(ctx) {
    await identify(ctx, 'precheck');
    const phone = phoneOf(ctx.n);
    ctx.state.phones.add(phone);
    // 社会保障卡申领 (WD-KIOSK-007) as the page's precheckArgs builds it
    const args = precheckArgs(item('WD-KIOSK-007'), { itemId: 'WD-KIOSK-007', answers: { insured: true, hasCard: ctx.n % 2 === 0, collect: 'window', contactPhone: phone }, provided: {} });
    await ctx.lane.cmd('precheck.evaluate', args);
    await ctx.lane.print('precheck.print', args);
    await takeCard(ctx);
    await end(ctx.lane);
  },
  async evaluate({ lane, state, n }) {
    // 我要评价 of the last case (rated once: later visits are told it was rated), or the rating of a browse at this terminal.
    const level = (n % 5) + 1;
    const invitation = await lane.cmd<{ eventKey: string; alreadyRated: boolean }>('evaluation.invite', state.lastCaseNo && n % 2 ? { caseNo: state.lastCaseNo } : { itemCode: 'WD-KIOSK-001' });
    if (invitation.alreadyRated) await lane.cmd('evaluation.dismiss', { eventKey: invitation.eventKey });
    else await lane.rate({ idempotencyKey: randomUUID(), eventKey: invitation.eventKey, channel: 'screen', level, reasons: level <= 2 ? ['effic', 'trips'] : [] });
    await end(lane);
  },
  async complain({ lane, state, n }) {
    const phone = phoneOf(n);
    state.phones.add(phone);
    const payload = { category: 'efficiency', text: '办事需要多次跑腿；超过承诺时限仍未办结', callbackPhone: phone };
    await consent(lane, 'complaintCallback');
    const { caseNo } = await lane.submit({ kind: 'complaint', idempotencyKey: randomUUID(), payload });
    await lane.print('receipt.print', { caseNo });
    await end(lane);
  },
  async progress(ctx) {
    const { lane, state } = ctx;
    await lane.cmd('scanner.arm', { purpose: 'caseNo' });
    if (state.lastCaseNo) await lane.cmd('case.progress', { caseNo: state.lastCaseNo });
    await lane.cmd('scanner.disarm', {});
    await end(lane);
  },
  async abandonMidway(ctx) {
    // Card read, a record looked at, then the resident takes the card and walks off: the page's idle timeout ends it.
    await identify(ctx, 'progress');
    await ctx.lane.cmd('case.progress', { byCard: true });
    await takeCard(ctx);
    await end(ctx.lane, 'timeout');
  },
  async idleReset({ lane }) {
    await lane.cmd('catalog.notice', { itemId: 'WD-KIOSK-010' });
    await lane.cmd('system.ping', {});
    await end(lane, 'timeout');
  },
};

/** The journey of session n: every kind in turn, applications twice as often (they are the terminal's main use). */
export function journeyOf(n: number): Journey {
  const order: Journey[] = ['apply', 'browse', 'queryPrint', 'evaluate', 'apply', 'precheck', 'complain', 'progress', 'abandonMidway', 'idleReset', 'cardLeftBehind'];
  return order[n % order.length]!;
}

/** Run session n's journey on the lane; the kiosk state carries over to the next session. */
export function runJourney(journey: Journey, lane: Lane, state: KioskState, n: number): Promise<void> {
  return RUNS[journey]({ lane, state, n });
}
