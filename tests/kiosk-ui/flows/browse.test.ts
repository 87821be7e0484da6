import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { provideBrowse } from '../../../kiosk-ui/src/flows/browse';
import { waitUntil } from '../../helpers/wait';
import { FakeDaemon } from '../fake-daemon';

describe('the browse journey wired to the daemon', () => {
  it('the one-time notice is named by its item (the daemon composes it); a failed print keeps the printer’s code', async () => {
    const daemon = new FakeDaemon();
    const actor = createActor(provideBrowse(daemon, () => null)).start();
    actor.send({ type: 'OPEN_ITEM', itemId: 'WD-KIOSK-036' });
    expect(daemon.calls).toEqual([]);
    actor.send({ type: 'PRINT_NOTICE' });
    await waitUntil(() => daemon.sent('printer.print').length > 0, { what: 'the print' });
    // In the resident's language (default zh-CN): English adds the English part below the Chinese.
    expect(daemon.sent('printer.print')).toEqual([{ layout: 'oneTimeNotice', itemId: 'WD-KIOSK-036', locale: 'zh-CN' }]);
    expect(daemon.sent('catalog.notice')).toEqual([]);
    daemon.fail('printer.print', 'paperOut');
    await waitUntil(() => actor.getSnapshot().matches({ item: 'failed' }), { what: 'the failure' });
    expect(actor.getSnapshot().context.noticeError).toBe('paperOut');
  });
});
