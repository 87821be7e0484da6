import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { provideBrowse } from '../../../kiosk-ui/src/flows/browse';
import type { CommandResult } from '../../../contract/api';
import { waitUntil } from '../../helpers/wait';
import { FakeDaemon } from '../fake-daemon';

const NOTICE = { itemId: 'WD-KIOSK-036', print: { title: '一次性告知单' } } as unknown as CommandResult<'catalog.notice'>;

describe('the browse journey wired to the daemon', () => {
  it('the one-time notice is the daemon’s, printed as it is; a failed print keeps the printer’s code', async () => {
    const daemon = new FakeDaemon();
    const actor = createActor(provideBrowse(daemon, () => null)).start();
    actor.send({ type: 'OPEN_ITEM', itemId: 'WD-KIOSK-036' });
    expect(daemon.calls).toEqual([]);
    actor.send({ type: 'PRINT_NOTICE' });
    expect(daemon.sent('catalog.notice')).toEqual([{ itemId: 'WD-KIOSK-036' }]);
    daemon.answer('catalog.notice', NOTICE);
    await waitUntil(() => daemon.sent('printer.print').length > 0, { what: 'the print' });
    expect(daemon.sent('printer.print')).toEqual([{ layout: 'oneTimeNotice', data: NOTICE.print }]);
    daemon.fail('printer.print', 'paperOut');
    await waitUntil(() => actor.getSnapshot().matches({ item: 'failed' }), { what: 'the failure' });
    expect(actor.getSnapshot().context.noticeError).toBe('paperOut');
  });
});
