import type { PrecheckResult } from '../../contract/api/precheck';
import type { PrintRequestInput } from '../../contract/api/printer';
import type { CatalogItem } from '../../contract/catalog/catalog-schema';
import { type SiteAddress, windowPlaces } from '../../contract/catalog/window-places';

/**
 * The 预审结果 slip of one evaluation: the item, the outcome, the conditions
 * to mind, the materials the resident will bring later and which window to go
 * to (with its address and hours; never the terminal itself). It
 * names nobody. A synthetic sample code is never printed as if it were the
 * official 事项编码 (the guide QR then opens the guide index).
 */
export function precheckSlip(item: CatalogItem, result: PrecheckResult, issuedAt: string, site: SiteAddress, locale: 'zh-CN' | 'en' = 'zh-CN'): PrintRequestInput {
  return {
    layout: 'precheckResult',
    data: {
      itemName: item.name.zh.slice(0, 80),
      ...(item.codeIsOfficial ? { itemCode: item.code } : {}),
      outcome: result.outcome,
      reasons: result.reasons.slice(0, 20).map((r) => r.zh.slice(0, 200)),
      missingMaterials: result.missingMaterials.slice(0, 30).map((m) => m.zh.slice(0, 120)),
      where: windowPlaces(item.where, site)
        .slice(0, 5)
        .map((w) => ({
          place: w.place.slice(0, 80),
          ...(w.address ? { address: w.address.slice(0, 120) } : {}),
          ...(w.hours ? { hours: w.hours.slice(0, 80) } : {}),
        })),
      issuedAt,
      ...(locale === 'en' ? { english: englishFindings(item, result) } : {}),
    },
  };
}

/** The catalog's English where it has one; null where it does not (the slip then points to the Chinese line). */
function englishFindings(item: CatalogItem, result: PrecheckResult) {
  return {
    itemName: item.name.en.slice(0, 120),
    reasons: result.reasons.slice(0, 20).map((r) => r.en?.slice(0, 200) ?? null),
    missingMaterials: result.missingMaterials.slice(0, 30).map((m) => m.en?.slice(0, 120) ?? null),
  };
}
