import type { z } from 'zod';
import type { OneTimeNotice } from '../../contract/api/catalog';
import type { OneTimeNoticeData } from '../../contract/api/printer';
import type { CatalogItem } from '../../contract/catalog/catalog-schema';

// The data of a one-time notice (一次性告知单) for an item: everything the
// resident must bring, how long it takes, what it costs, where to go, whom to
// call, and the online guide for the QR. Pure (no Node imports).

export interface NoticeSite {
  phones: { consultation: string; supervision: string };
}
export interface NoticeLinks {
  guideUrlTemplate: string;
}

function guideUrl(template: string, code: string): string {
  return template.replace('{itemCode}', encodeURIComponent(code));
}

export function buildOneTimeNotice(item: CatalogItem, site: NoticeSite, links: NoticeLinks, now: Date = new Date()): OneTimeNotice {
  const t = item.timeLimit;
  return {
    itemId: item.id,
    itemName: item.name.zh,
    itemNameEn: item.name.en,
    // Synthetic codes must not look official on paper.
    ...(item.codeIsOfficial ? { itemCode: item.code } : {}),
    materials: item.materials.map((m) => {
      // When a material is conditional, its name already says when (…(如有), …(个体经营者)).
      const notes = [m.terminalCheck === 'sharedData' ? '部门共享获取,无需提交' : ''].filter(Boolean);
      return {
        name: m.name.zh,
        originals: m.originals,
        copies: m.copies,
        required: m.required,
        ...(notes.length ? { note: [...new Set(notes)].join(';') } : {}),
      };
    }),
    timeLimit: {
      legalDays: t.legalDays,
      promisedDays: t.caseType === 'instant' ? 0 : t.promisedDays,
      workingDays: t.unit === 'working',
      instant: t.caseType === 'instant',
      legalText: t.legalText,
      promisedText: t.promisedText,
    },
    fees: item.fee.basis ? `${item.fee.text}(依据:${item.fee.basis})` : item.fee.text,
    where: item.where.map((w) => ({ place: w.place.zh, ...(w.address ? { address: w.address } : {}), hours: w.hours.zh })),
    phones: {
      consultation: item.phones?.consultation ?? site.phones.consultation,
      supervision: item.phones?.supervision ?? site.phones.supervision,
    },
    guideUrl: guideUrl(links.guideUrlTemplate, item.code),
    issuedAt: now.toISOString(),
  };
}

export type PrinterNoticeData = z.output<typeof OneTimeNoticeData>;

/**
 * The printer's oneTimeNotice layout input (contract/api/printer.ts):
 * where the guide gives no number (无法定时限, 按批次制发 …) the days are null
 * and the guide's wording is printed instead. Long texts are cut to the
 * layout's line limits.
 */
export function toPrinterNotice(n: OneTimeNotice): PrinterNoticeData {
  const clip = (s: string, max: number) =>
    Array.from(s).length > max
      ? `${Array.from(s)
          .slice(0, max - 1)
          .join('')}…`
      : s;
  const t = n.timeLimit;
  return {
    itemName: clip(n.itemName, 80),
    ...(n.itemCode ? { itemCode: n.itemCode } : {}),
    materials: n.materials.slice(0, 40).map((m) => ({ name: clip(m.name, 120), originals: m.originals, copies: m.copies, ...(m.note ? { note: clip(m.note, 120) } : {}) })),
    timeLimit: {
      legalDays: t.legalDays,
      promisedDays: t.promisedDays,
      workingDays: t.workingDays,
      legalText: clip(t.legalText, 120),
      promisedText: clip(t.promisedText, 120),
    },
    fees: clip(n.fees, 120),
    where: n.where.slice(0, 5).map((w) => ({ place: clip(w.place, 80), ...(w.address ? { address: clip(w.address, 120) } : {}), ...(w.hours ? { hours: clip(w.hours, 80) } : {}) })),
    phones: n.phones,
    guideUrl: n.guideUrl,
    issuedAt: n.issuedAt,
  };
}
