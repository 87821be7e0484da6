import { describe, expect, it } from 'vitest';
import type { PrintRequestInput } from '../../../../contract/api/printer';
import type { EmbeddedPlatform } from '../../../../device-daemon/platform/embedded-platform';
import { SmsNotices } from '../../../../device-daemon/platform/sms/sms-notices';
import { storeCapabilities } from '../../../../device-daemon/capabilities';
import { createDocumentsCapability } from '../../../../device-daemon/capabilities/documents';
import { loadShipped } from '../../../helpers/catalog';
import { applicationArgs, drained, harnessPerTest, person } from '../harness';

const harness = harnessPerTest();
const CODE = 'SIM-410403-SB-001';

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

  it('an item that allows more than one goes on only when the page names the open case it showed', async () => {
    const catalog = loadShipped();
    (catalog.item(CODE) as { repeatAllowed?: boolean }).repeatAllowed = true;
    const { h } = withPrinter(catalog);
    const first = (await h.call('submission.submit', applicationArgs())).result.caseNo;
    const refused = await h.call('submission.submit', applicationArgs());
    expect(refused.error).toMatchObject({ code: 'duplicateOpen', detail: { caseNo: first, status: expect.any(String), repeatAllowed: true } });
    expect((await h.call('submission.submit', applicationArgs({ repeatOf: 'WD0001-20250101-09999-X' }))).error?.code).toBe('duplicateOpen');
    expect((await h.call('submission.submit', applicationArgs({ repeatOf: first }))).ok).toBe(true);
  });
});
