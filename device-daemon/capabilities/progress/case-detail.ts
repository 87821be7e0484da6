import type { CaseProgress } from '../../../contract/api/submission';
import type { CatalogItem } from '../../../contract/catalog/catalog-schema';

/**
 * A case as a resident reads it: which service it is and which department
 * holds it now. A department named on the latest step (the platform's or
 * staff's record) wins over the catalog's, which says who decides the item.
 */
export function withServiceDetail(p: CaseProgress, itemByCode: (code: string) => CatalogItem | undefined): CaseProgress {
  const item = p.itemCode ? itemByCode(p.itemCode) : undefined;
  const stepDepartment = p.timeline.findLast((e) => e.department)?.department;
  const department = stepDepartment ? { zh: stepDepartment } : item ? { zh: item.department.zh, ...(item.department.en ? { en: item.department.en } : {}) } : null;
  return { ...p, service: item ? { zh: item.name.zh, en: item.name.en } : null, department };
}
