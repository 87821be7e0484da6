import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { provideIdentify } from '../../../kiosk-ui/src/flows/identify';
import { waitUntil } from '../../helpers/wait';
import { FakeDaemon } from '../fake-daemon';
import { CARD, EXPIRED_CARD } from '../../state-machines/flows/service-fixtures';

// The identify journey wired to the daemon: the reader is asked once per wait,
// card.present reaches the machine only while it waits, and leaving the wait
// cancels the read on the reader — nothing in the screens does this by hand.
function start(input: { consent: 'apply' | null } = { consent: 'apply' }) {
  const daemon = new FakeDaemon();
  const actor = createActor(provideIdentify(daemon), { input }).start();
  return { daemon, actor };
}

describe('identification wired to the daemon', () => {
  it('asks the reader once; a card entering the field shows "do not move"; the card read leads to consent', async () => {
    const { daemon, actor } = start();
    expect(daemon.sent('card.read')).toEqual([{ timeoutMs: 30_000 }]);
    expect(daemon.listening('card.present')).toBe(1);
    daemon.emit('card.present', { at: '2026-11-28T10:00:00+08:00' });
    expect(actor.getSnapshot().value).toEqual({ reader: 'reading' });
    daemon.answer('card.read', CARD);
    await waitUntil(() => actor.getSnapshot().matches('consent'), { what: 'the consent screen' });
    expect(daemon.listening('card.present')).toBe(0);
    expect(daemon.sent('card.cancel')).toEqual([]);
    actor.send({ type: 'ACCEPT' });
    expect(actor.getSnapshot().output).toEqual({ outcome: 'identified', card: CARD });
  });

  it('leaving while the reader waits cancels the read on the reader, once', () => {
    const { daemon, actor } = start();
    actor.stop();
    expect(daemon.sent('card.cancel')).toEqual([{}]);
    expect(daemon.listening('card.present')).toBe(0);
  });

  it('an expired card is forgotten in the daemon; a retry reads again', async () => {
    const { daemon, actor } = start();
    daemon.answer('card.read', EXPIRED_CARD);
    await waitUntil(() => actor.getSnapshot().matches('expired'), { what: 'the expired screen' });
    expect(daemon.sent('card.forget')).toEqual([{}]);
    actor.send({ type: 'RETRY' });
    expect(daemon.sent('card.read').length).toBe(2);
  });

  it('a reader failure carries the daemon code to the screen; declining forgets the card', async () => {
    const failing = start({ consent: null });
    failing.daemon.fail('card.read', 'cardRemoved');
    await waitUntil(() => failing.actor.getSnapshot().matches('failed'), { what: 'the failure screen' });
    expect(failing.actor.getSnapshot().context.error).toBe('cardRemoved');

    const { daemon, actor } = start();
    daemon.answer('card.read', CARD);
    await waitUntil(() => actor.getSnapshot().matches('consent'), { what: 'the consent screen' });
    actor.send({ type: 'DECLINE' });
    expect(daemon.sent('card.forget')).toEqual([{}]);
    daemon.answer('card.forget', { forgotten: true });
    await waitUntil(() => actor.getSnapshot().status === 'done', { what: 'the journey to end' });
    expect(actor.getSnapshot().output).toEqual({ outcome: 'declined' });
  });
});
