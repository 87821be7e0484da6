import type { CatalogItem } from '../../contract/catalog/catalog-schema';

/**
 * The English part of a one-time notice for a resident using English: the
 * catalog's English name and, material by material in the notice's order,
 * its English name where the catalog has one (null: the slip points to the
 * Chinese line above, which stays the record).
 */
export function noticeEnglish(item: CatalogItem): { itemName: string; materials: (string | null)[] } {
  return { itemName: item.name.en.slice(0, 120), materials: item.materials.slice(0, 40).map((m) => m.name.en?.slice(0, 120) ?? null) };
}
