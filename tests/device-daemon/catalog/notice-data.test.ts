import { describe, expect, it } from 'vitest';
import { OneTimeNotice } from '../../../contract/api/catalog';
import { OneTimeNoticeData } from '../../../contract/api/printer';
import { buildOneTimeNotice, toPrinterNotice } from '../../../device-daemon/catalog/notice-data';
import { loadShipped } from '../../helpers/catalog';

const store = loadShipped();
const site = { phones: { consultation: '0375-12345', supervision: '12345' } };
const links = { guideUrlTemplate: 'https://zwfw.example.gov.cn/guide/{itemCode}' };
const at = new Date('2025-06-12T06:03:00Z');

describe('one-time notice data', () => {
  it('lists the materials with counts, time limits, fees, place, phones and the guide URL', () => {
    const item = store.itemById('WD-KIOSK-028')!;
    const n = buildOneTimeNotice(item, site, links, at);
    expect(OneTimeNotice.parse(n)).toEqual(n);
    expect(n.itemName).toBe('最低生活保障审核确认');
    expect(n.materials).toHaveLength(item.materials.length);
    expect(n.materials[1]).toMatchObject({ name: '家庭成员居民身份证、户口簿', originals: 1, copies: 1, required: true });
    expect(n.timeLimit).toMatchObject({ legalDays: 25, promisedDays: 25, workingDays: true, instant: false });
    expect(n.fees).toBe('不收费');
    expect(n.where[0]!.place).toBe(item.acceptAt);
    expect(n.where[0]!.hours).toMatch(/8:00/);
    expect(n.phones).toEqual(site.phones);
    expect(n.guideUrl).toBe(`https://zwfw.example.gov.cn/guide/${item.code}`);
    expect(n.issuedAt).toBe('2025-06-12T06:03:00.000Z');
  });

  it('never prints a synthetic item code; an official one is printed', () => {
    const item = store.itemById('WD-KIOSK-028')!;
    expect(buildOneTimeNotice(item, site, links, at).itemCode).toBeUndefined();
    expect(buildOneTimeNotice({ ...item, codeIsOfficial: true }, site, links, at).itemCode).toBe(item.code);
  });

  it('item phones win over the site phones; a missing one falls back', () => {
    const item = { ...store.itemById('WD-KIOSK-001')!, phones: { consultation: '0375-7654321' } };
    expect(buildOneTimeNotice(item, site, links, at).phones).toEqual({ consultation: '0375-7654321', supervision: '12345' });
  });

  it('conditional and shared-data materials say so', () => {
    const n = buildOneTimeNotice(store.itemById('WD-KIOSK-001')!, site, links, at);
    expect(n.materials.find((m) => m.name.startsWith('特殊参保群体'))).toMatchObject({ name: '特殊参保群体证明材料(如有)', required: false });
    const shared = buildOneTimeNotice(store.itemById('WD-KIOSK-031')!, site, links, at).materials.find((m) => m.name.includes('共享'));
    expect(shared).toMatchObject({ originals: 0, copies: 0, note: expect.stringContaining('无需提交') });
  });

  it("maps onto the printer's oneTimeNotice layout input for every item, nulls and the guide's wording kept", () => {
    for (const { item } of store.current()!.items) {
      const data = toPrinterNotice(buildOneTimeNotice(item, site, links, at));
      const parsed = OneTimeNoticeData.safeParse(data);
      expect(parsed.success, `${item.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    const none = toPrinterNotice(buildOneTimeNotice(store.itemById('WD-KIOSK-001')!, site, links, at));
    expect(none.timeLimit).toMatchObject({ legalDays: null, promisedDays: 5, legalText: '无法定时限' });
    const instant = toPrinterNotice(buildOneTimeNotice(store.itemById('WD-KIOSK-003')!, site, links, at));
    expect(instant.timeLimit).toMatchObject({ promisedDays: 0, promisedText: '即办' });
    expect(instant.itemCode).toBeUndefined();
  });
});
