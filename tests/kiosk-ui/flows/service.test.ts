import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createActor } from 'xstate';
import { provideService } from '../../../kiosk-ui/src/flows/service';
import { inFlightSubmission } from '../../../kiosk-ui/src/flows/in-flight-submission';
import type { UiCatalog } from '../../../kiosk-ui/src/catalog/ui-catalog';
import type { ServiceInput } from '../../../state-machines/flows/service-machine';
import { CatalogItem } from '../../../contract/catalog/catalog-schema';
import type { PrecheckResult } from '../../../contract/api/precheck';
import { ROOT } from '../../helpers/daemon';
import { waitUntil } from '../../helpers/wait';
import { FakeDaemon } from '../fake-daemon';
import { CARD } from '../../state-machines/flows/service-fixtures';

// An item's service wired to the daemon, against items of the shipped
// catalog: what each step asks the daemon, and that nothing official (the
// promised date, the eligibility outcome, the slip) is decided by the page.
const raw = JSON.parse(readFileSync(join(ROOT, 'assets/catalog/catalog.json'), 'utf8')) as { items: unknown[] };
const items = raw.items.map((i) => CatalogItem.parse(i));
// The service starts from the item's guide: its guide is among the fetched ones.
const guides = new Map(items.map((i) => [i.id, i]));
const catalog = { guides: { get: (id: string) => guides.get(id) } } as unknown as UiCatalog;
const KEY = '00000000-0000-4000-8000-0000000000f1';
const input = (itemId: string, over: Partial<ServiceInput>): ServiceInput => ({
  mode: 'apply',
  itemId,
  idempotencyKey: KEY,
  fields: [],
  perPage: 4,
  materials: [],
  delivery: ['pickup'],
  today: '2026-11-28',
  itemCode: itemId,
  ratingKey: '00000000-0000-4000-8000-0000000000e7',
  ...over,
});

async function identified(over: Partial<ServiceInput> & { itemId: string }) {
  const daemon = new FakeDaemon();
  const actor = createActor(
    provideService(daemon, () => catalog),
    { input: input(over.itemId, over) },
  ).start();
  daemon.answer('card.read', CARD);
  await waitUntil(() => actor.getSnapshot().children.identify?.getSnapshot().matches('consent'), { what: 'consent' });
  actor.getSnapshot().children.identify!.send({ type: 'ACCEPT' });
  expect(daemon.sent('consent.record')).toEqual([{ purpose: over.mode ?? 'apply', textVersion: expect.any(String) }]);
  daemon.answer('consent.record', { purpose: over.mode ?? 'apply', textVersion: 'v', recordedAt: '2026-11-28T10:00:00+08:00' });
  await waitUntil(() => !actor.getSnapshot().matches('identify'), { what: 'identification to end' });
  return { daemon, actor };
}

describe('an item service wired to the daemon', () => {
  it('apply: the application names its catalog item and sends no promised days; the receipt is the daemon’s', async () => {
    const { daemon, actor } = await identified({ itemId: 'WD-KIOSK-036' });
    expect(actor.getSnapshot().value).toBe('check');
    actor.send({ type: 'SUBMIT' });
    const [args] = daemon.sent('submission.submit');
    expect(args).toMatchObject({ kind: 'application', idempotencyKey: KEY, applicant: 'sessionCard', itemCode: items.find((i) => i.id === 'WD-KIOSK-036')!.code });
    expect(Object.keys(args!).sort()).toEqual(['applicant', 'idempotencyKey', 'itemCode', 'kind', 'payload']);
    daemon.answer('submission.submit', { caseNo: 'WD0001-20261128-00001-X', acceptedAt: '2026-11-28T10:00:00+08:00', promisedDate: '2026-12-05', provisional: false, duplicate: false });
    await waitUntil(() => daemon.sent('receipt.print').length > 0, { what: 'the receipt print' });
    expect(daemon.sent('receipt.print')).toEqual([{ caseNo: 'WD0001-20261128-00001-X', locale: 'zh-CN' }]);
    expect(actor.getSnapshot().context.accepted?.promisedDate).toBe('2026-12-05');
  });

  it('the application’s key is held in memory while its outcome is in doubt: a lost answer or a lost receipt keeps it, the daemon’s answers settle it', async () => {
    const ACCEPTED = { caseNo: 'WD0001-20261128-00002-X', acceptedAt: '2026-11-28T10:00:00+08:00', promisedDate: '2026-12-05', provisional: false, duplicate: false };
    inFlightSubmission.settled(KEY); // the first test's receipt was never answered (the holder is the page's, shared here)
    const { daemon, actor } = await identified({ itemId: 'WD-KIOSK-036' });
    expect(inFlightSubmission.inDoubt()).toBeUndefined();
    actor.send({ type: 'SUBMIT' });
    expect(inFlightSubmission.inDoubt()).toBe(KEY);
    // The link went down before the answer: the daemon may have committed it.
    daemon.fail('submission.submit', 'offline');
    await waitUntil(() => actor.getSnapshot().matches('submitFailed'), { what: 'the failure' });
    expect(inFlightSubmission.inDoubt()).toBe(KEY);
    // Accepted on the retry: still held until the receipt's outcome is known; lost while printing, still held.
    actor.send({ type: 'RETRY' });
    daemon.answer('submission.submit', ACCEPTED);
    await waitUntil(() => daemon.sent('receipt.print').length === 1, { what: 'the receipt print' });
    expect(inFlightSubmission.inDoubt()).toBe(KEY);
    daemon.fail('receipt.print', 'offline');
    await waitUntil(() => actor.getSnapshot().matches({ accepted: 'printFailed' }), { what: 'the print failure' });
    expect(inFlightSubmission.inDoubt()).toBe(KEY);
    // Ten minutes on it is not offered any more (the resident has likely gone).
    expect(inFlightSubmission.inDoubt(Date.now() + 10 * 60_000 + 1)).toBeUndefined();
    // The daemon answered the reprint (printed or not): nothing is in doubt.
    actor.send({ type: 'PRINT' });
    daemon.fail('receipt.print', 'paperOut');
    await waitUntil(() => inFlightSubmission.inDoubt() === undefined, { what: 'the key settled' });

    // A refusal by the daemon settles it at once: nothing was committed.
    const second = await identified({ itemId: 'WD-KIOSK-036' });
    second.actor.send({ type: 'SUBMIT' });
    expect(inFlightSubmission.inDoubt()).toBe(KEY);
    second.daemon.fail('submission.submit', 'consentRequired');
    await waitUntil(() => inFlightSubmission.inDoubt() === undefined, { what: 'the key settled' });
  });

  it('pre-check: the daemon judges the answers and prints the slip from the same arguments; no application is sent', async () => {
    const { daemon, actor } = await identified({ itemId: 'WD-KIOSK-007', mode: 'precheck', delivery: [] });
    actor.send({ type: 'SUBMIT' });
    const [asked] = daemon.sent('precheck.evaluate');
    expect(asked).toEqual({
      itemId: 'WD-KIOSK-007',
      answers: {},
      materials: [
        { code: 'm1', provided: 'sharedData' },
        { code: 'm2', provided: 'sharedData' },
      ],
    });
    const result: PrecheckResult = { outcome: 'checkAtWindow', failed: ['age'], reasons: [{ zh: '年龄需当面核实' }], missingMaterials: [] };
    daemon.answer('precheck.evaluate', result);
    await waitUntil(() => actor.getSnapshot().matches({ precheckResult: 'shown' }), { what: 'the outcome' });
    expect(actor.getSnapshot().context.eligibility).toEqual(result);
    actor.send({ type: 'PRINT' });
    expect(daemon.sent('precheck.print')).toEqual([{ ...asked, locale: 'zh-CN' }]);
    daemon.fail('precheck.print', 'paperOut');
    await waitUntil(() => actor.getSnapshot().context.printError === 'paperOut', { what: 'the print failure' });
    expect(daemon.sent('submission.submit')).toEqual([]);
  });

  it('query-print: records of the item’s kind; none is said plainly and nothing is printed', async () => {
    const { daemon, actor } = await identified({ itemId: 'WD-KIOSK-052', mode: 'queryPrint', delivery: [] });
    expect(daemon.sent('records.query')).toEqual([{ recordType: 'pension' }]);
    daemon.fail('records.query', 'notFound');
    await waitUntil(() => actor.getSnapshot().matches('noRecords'), { what: 'the no-records message' });
    expect(daemon.sent('records.print')).toEqual([]);
  });

  it('the reader reporting the card gone clears the take-your-card reminder', async () => {
    const { daemon, actor } = await identified({ itemId: 'WD-KIOSK-036' });
    expect(actor.getSnapshot().context.cardTaken).toBe(false);
    daemon.emit('card.removed', { at: '2026-11-28T10:00:05+08:00', duringRead: false });
    expect(actor.getSnapshot().context.cardTaken).toBe(true);
  });
});
