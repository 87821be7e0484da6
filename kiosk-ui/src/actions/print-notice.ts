import type { DaemonClient } from '../client/daemon-client';

/**
 * Print an item's one-time notice (一次性告知单): the daemon builds the notice
 * from its catalog and the site config, ready as printer layout data
 * (catalog.notice → print), and the printer prints it (printer.print).
 * Resolves when the printer confirmed the job; rejects with the printer's error code.
 */
export async function printNotice(client: DaemonClient, itemId: string): Promise<void> {
  const notice = await client.call('catalog.notice', { itemId });
  await client.call('printer.print', { layout: 'oneTimeNotice', data: notice.print }, { timeoutMs: 90_000 });
}
