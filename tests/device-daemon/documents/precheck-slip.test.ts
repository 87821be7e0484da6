import { describe, expect, it } from 'vitest';
import { PrintRequest } from '../../../contract/api/printer';
import type { CatalogItem } from '../../../contract/catalog/catalog-schema';
import { precheckSlip } from '../../../device-daemon/documents/precheck-slip';
import { loadShipped } from '../../helpers/catalog';

const item = loadShipped().itemById('WD-KIOSK-039') as CatalogItem;
const result = { outcome: 'ineligible' as const, failed: ['halfYear'], reasons: [{ zh: '须办理居住登记满半年', en: 'x' }], missingMaterials: [{ zh: '居住地住址证明' }] };
const issuedAt = '2025-06-02T01:00:00.000Z';

describe('the 预审结果 slip composed in the daemon', () => {
  it('item name, outcome, reasons, materials to bring, where to go, time — a valid printer request naming nobody', () => {
    const req = precheckSlip(item, result, issuedAt);
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
    expect((precheckSlip(item, result, issuedAt).data as { itemCode?: string }).itemCode).toBeUndefined();
    const official = { ...item, codeIsOfficial: true, where: Array.from({ length: 5 }, () => item.where[0]!).concat(item.where) };
    const data = precheckSlip(official, result, issuedAt).data as { itemCode?: string; where: unknown[] };
    expect(data.itemCode).toBe(item.code);
    expect(data.where).toHaveLength(5);
  });
});
