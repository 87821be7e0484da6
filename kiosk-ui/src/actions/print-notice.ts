import type { DaemonClient } from '../client/daemon-client';

const clip = (s: string, max: number) => (Array.from(s).length > max ? Array.from(s).slice(0, max - 1).join('') + '…' : s);

/**
 * Print an item's one-time notice (一次性告知单): the daemon builds the notice
 * from its catalog and the site config (catalog.notice), the printer prints it
 * (printer.print). Resolves when the printer confirmed the job; rejects with
 * the printer's error code.
 */
export async function printNotice(client: DaemonClient, itemId: string): Promise<void> {
  const n = await client.call('catalog.notice', { itemId });
  await client.call(
    'printer.print',
    {
      layout: 'oneTimeNotice',
      data: {
        itemName: clip(n.itemName, 80),
        ...(n.itemCode ? { itemCode: clip(n.itemCode, 40) } : {}),
        materials: n.materials.slice(0, 40).map((m) => ({
          name: clip(m.required ? m.name : `${m.name}（如有）`, 120),
          originals: m.originals,
          copies: m.copies,
          ...(m.note ? { note: clip(m.note, 120) } : {}),
        })),
        timeLimit: {
          legalDays: n.timeLimit.legalDays,
          promisedDays: n.timeLimit.instant ? 0 : n.timeLimit.promisedDays,
          workingDays: n.timeLimit.workingDays,
          legalText: clip(n.timeLimit.legalText, 120),
          promisedText: clip(n.timeLimit.promisedText, 120),
        },
        fees: clip(n.fees, 120),
        where: n.where.slice(0, 5).map((w) => ({
          place: clip(w.place, 80),
          ...(w.address ? { address: clip(w.address, 120) } : {}),
          ...(w.hours ? { hours: clip(w.hours, 80) } : {}),
        })),
        phones: n.phones,
        guideUrl: n.guideUrl,
        issuedAt: new Date().toISOString(),
      },
    },
    { timeoutMs: 90_000 },
  );
}
