import { describe, expect, it } from 'vitest';
import type { PrintRequestInput } from '../../../../contract/api/printer';
import type { EmbeddedPlatform } from '../../../../device-daemon/platform/embedded-platform';
import { SmsNotices } from '../../../../device-daemon/platform/sms/sms-notices';
import { storeCapabilities } from '../../../../device-daemon/capabilities';
import { createDocumentsCapability } from '../../../../device-daemon/capabilities/documents';
import { loadShipped } from '../../../helpers/catalog';
import { applicationArgs, drained, harnessPerTest, person } from '../harness';

const harness = harnessPerTest();

function withPrinter(catalog = loadShipped()) {
  const printed: PrintRequestInput[] = [];
  const h = harness({
    catalog,
    capabilities: (ctx) => [...storeCapabilities(ctx), createDocumentsCapability(ctx)],
    print: async (req) => {
      printed.push(req);
      return { jobId: `pj-test-${printed.length}`, state: 'done', layout: req.layout, bytes: 1, paperMm: 1 };
    },
  });
  h.identity = person('resident-valid');
  return { h, printed };
}

describe('a second application while the first is open', () => {
  it('is refused with the open case (number, date, state); its receipt prints again; a resend, another person and an ended case go through', async () => {
    const { h, printed } = withPrinter();
    const first = await h.call('submission.submit', applicationArgs());
    const caseNo: string = first.result.caseNo;
    await drained(h);

    const again = await h.call('submission.submit', applicationArgs());
    expect(again.error).toMatchObject({ code: 'duplicateOpen', detail: { caseNo, acceptedAt: first.result.acceptedAt, status: 'received', repeatAllowed: false } });
    // Nothing new was filed, and nothing of the ID number is in the refusal.
    expect(h.store.run((o) => o.store.submissions.findByApplicant(o.store.applicantRef(person('resident-valid').idNumber))).length).toBe(1);
    expect(JSON.stringify(again.error)).not.toContain(person('resident-valid').idNumber);
    // The resident may print the open case's receipt again in this session.
    const reprint = await h.call('receipt.print', { caseNo });
    expect(reprint.ok, JSON.stringify(reprint.error)).toBe(true);
    expect(printed.map((p) => p.layout)).toEqual(['acceptanceReceipt']);

    // The same request resent (lost answer) is the same case, not a duplicate.
    const resend = applicationArgs();
    expect((await h.call('submission.submit', resend)).ok).toBe(false);
    h.identity = person('resident-young');
    const other = await h.call('submission.submit', resend);
    expect(other.ok).toBe(true);
    expect((await h.call('submission.submit', resend)).result.caseNo).toBe(other.result.caseNo);

    // Once the platform ends the first case, a new application is a new matter.
    h.identity = person('resident-valid');
    const o = h.store.current()!;
    const notices = new SmsNotices(o.store.db, { name: 'test', send: async () => {} }, Date.now);
    (o.platform as EmbeddedPlatform).work(caseNo, { step: 'reject', reason: '材料不全，请重新申请' }, { staffNo: 'S001', department: '区人社局' }, notices);
    expect((await h.call('submission.submit', applicationArgs())).ok).toBe(true);
  });

  it('the shipped catalog lets a person hold more than one 人民调解 application (each dispute its own); the refusal offers going on, which needs the open case the page showed', async () => {
    const catalog = loadShipped();
    const repeatable = catalog.current()!.items.filter((i) => i.item.repeatAllowed === true);
    expect(repeatable.map((i) => i.item.id)).toContain('WD-KIOSK-038');
    for (const { item } of repeatable) expect(item.terminal.mode, item.id).toBe('apply');
    const mediation = catalog.itemById('WD-KIOSK-038')!;
    const phone = '13900001234';
    const args = (over: Record<string, unknown> = {}) =>
      applicationArgs({
        itemCode: mediation.code,
        payload: { answers: { disputeType: 'neighbour', contactPhone: phone }, materials: [{ code: 'm2', provided: 'onSite' }], delivery: { method: 'pickup' }, assisted: false, contactPhone: phone },
        ...over,
      });
    const { h } = withPrinter(catalog);
    const made = await h.call('submission.submit', args());
    expect(made.ok, JSON.stringify(made.error)).toBe(true);
    const refused = await h.call('submission.submit', args());
    expect(refused.error).toMatchObject({ code: 'duplicateOpen', detail: { caseNo: made.result.caseNo, status: expect.any(String), repeatAllowed: true } });
    expect((await h.call('submission.submit', args({ repeatOf: 'WD0001-20250101-09999-X' }))).error?.code).toBe('duplicateOpen');
    expect((await h.call('submission.submit', args({ repeatOf: made.result.caseNo }))).ok).toBe(true);
    // An item that does not allow it is still one at a time.
    await h.call('submission.submit', applicationArgs());
    expect((await h.call('submission.submit', applicationArgs())).error?.detail).toMatchObject({ repeatAllowed: false });
  });
});
