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

  it('calling staff sends the request with the key the feature was opened with; an evaluation is anonymous', async () => {
    const daemon = new FakeDaemon();
    const actor = createActor(provideBrowse(daemon, () => null)).start();
    actor.send({ type: 'OPEN_FEATURE', feature: 'callStaff', key: '00000000-0000-4000-8000-0000000000b1' });
    actor.getSnapshot().children.callStaff!.send({ type: 'CHOOSE', reason: 'accessibility' });
    expect(daemon.sent('submission.submit')).toEqual([{ kind: 'callStaff', idempotencyKey: '00000000-0000-4000-8000-0000000000b1', payload: { reason: 'accessibility' } }]);
    daemon.answer('submission.submit', { caseNo: 'WD0001-20261128-00002-K', acceptedAt: '2026-11-28T10:00:00+08:00', promisedDate: null, provisional: false, duplicate: false });
    await waitUntil(() => actor.getSnapshot().children.callStaff!.getSnapshot().status === 'done', { what: 'the call to be recorded' });

    actor.send({ type: 'BACK' });
    actor.send({ type: 'OPEN_FEATURE', feature: 'evaluate', key: '00000000-0000-4000-8000-0000000000b2' });
    const evaluate = actor.getSnapshot().children.evaluate!;
    evaluate.send({ type: 'RATE', level: 4 });
    evaluate.send({ type: 'SUBMIT' });
    expect(daemon.sent('submission.submit')[1]).toEqual({ kind: 'evaluation', idempotencyKey: '00000000-0000-4000-8000-0000000000b2', payload: { level: 4, reasons: [], anonymous: true } });
  });
});
