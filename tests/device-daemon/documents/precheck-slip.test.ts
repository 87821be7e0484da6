import { describe, expect, it } from 'vitest';
import { PrintRequest } from '../../../contract/api/printer';
import type { CatalogItem } from '../../../contract/catalog/catalog-schema';
import { precheckSlip } from '../../../device-daemon/documents/precheck-slip';
import { loadShipped } from '../../helpers/catalog';

const item = loadShipped().itemById('WD-KIOSK-039') as CatalogItem;
const result = { outcome: 'ineligible' as const, failed: ['halfYear'], reasons: [{ zh: '须办理居住登记满半年', en: 'x' }], missingMaterials: [{ zh: '居住地住址证明' }] };
const issuedAt = '2025-06-02T01:00:00.000Z';
const SITE = { name: '示例街道便民服务中心', address: '示例区示例路1号（示例地址）' };

describe('the 预审结果 slip composed in the daemon', () => {
  it('item name, outcome, reasons, materials to bring, where to go, time — a valid printer request naming nobody', () => {
    const req = precheckSlip(item, result, issuedAt, SITE);
    expect(PrintRequest.safeParse(req).success).toBe(true);
    expect(req).toEqual({
      layout: 'precheckResult',
      data: {
        itemName: item.name.zh,
        outcome: 'ineligible',
        reasons: ['须办理居住登记满半年'],
        missingMaterials: ['居住地住址证明'],
        where: item.where.map((w) => ({ place: w.place.zh, ...(w.address ? { address: w.address } : {}), hours: w.hours.zh })),
        issuedAt,
      },
    });
  });

  it('the 事项编码 only when it is official; at most five places', () => {
    expect((precheckSlip(item, result, issuedAt, SITE).data as { itemCode?: string }).itemCode).toBeUndefined();
    const official = { ...item, codeIsOfficial: true, where: Array.from({ length: 5 }, () => item.where[0]!).concat(item.where) };
    const data = precheckSlip(official, result, issuedAt, SITE).data as { itemCode?: string; where: unknown[] };
    expect(data.itemCode).toBe(item.code);
    expect(data.where).toHaveLength(5);
  });

  it('sends the resident to a window with its address and hours, never to the terminal they stand at', () => {
    // 城乡居民养老保险参保登记: "合作银行网点、街道便民服务中心、自助终端"
    const bankOrCentre = loadShipped().itemById('WD-KIOSK-007') as CatalogItem;
    const data = precheckSlip(bankOrCentre, result, issuedAt, SITE).data as { where: Array<{ place: string; address?: string; hours?: string }> };
    expect(JSON.stringify(data.where)).not.toContain('自助终端');
    expect(data.where).toEqual([{ place: '合作银行网点、街道便民服务中心', address: `${SITE.name}：${SITE.address}`, hours: bankOrCentre.where[0]!.hours.zh }]);
  });
});
