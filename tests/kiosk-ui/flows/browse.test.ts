import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { journeyFlowsLoaded, loadJourneyFlows, provideBrowse } from '../../../kiosk-ui/src/flows/browse';
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

  it('the child flows (loaded apart from the first script) run as the journey’s children once their chunk is here', async () => {
    await loadJourneyFlows();
    expect(journeyFlowsLoaded()).toBe(true);
    const actor = createActor(provideBrowse(new FakeDaemon(), () => null)).start();
    actor.send({ type: 'OPEN_FEATURE', feature: 'progress' });
    const progress = actor.getSnapshot().children.progress;
    expect(progress?.getSnapshot().status).toBe('active');
    expect(progress?.getSnapshot().machine.id).toBe('progress');
    actor.send({ type: 'HOME' });
    expect(actor.getSnapshot().children.progress).toBeUndefined();
    expect(progress?.getSnapshot().status).toBe('stopped');
  });
});
