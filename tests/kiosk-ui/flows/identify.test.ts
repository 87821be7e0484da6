import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { provideIdentify } from '../../../kiosk-ui/src/flows/identify';
import { consentTextVersion } from '../../../kiosk-ui/src/flows/consent-text';
import { CONSENT_PURPOSES } from '../../../contract/api/consent';
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
  it('asks the reader once; a card entering the field shows "do not move"; the card read leads to consent, recorded by the daemon before the journey learns the card', async () => {
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
    expect(daemon.sent('consent.record')).toEqual([{ purpose: 'apply', textVersion: expect.stringMatching(/^apply-[0-9a-f]{8}$/) }]);
    expect(actor.getSnapshot().status).toBe('active');
    daemon.answer('consent.record', { purpose: 'apply', textVersion: 'v', recordedAt: '2026-11-28T10:00:00+08:00' });
    await waitUntil(() => actor.getSnapshot().status === 'done', { what: 'identification to end' });
    expect(actor.getSnapshot().output).toEqual({ outcome: 'identified', card: CARD });
  });

  it('a consent the daemon could not record keeps the choice on screen with the reason; agreeing again records it', async () => {
    const { daemon, actor } = start();
    daemon.answer('card.read', CARD);
    await waitUntil(() => actor.getSnapshot().matches('consent'), { what: 'the consent screen' });
    actor.send({ type: 'ACCEPT' });
    daemon.fail('consent.record', 'offline');
    await waitUntil(() => actor.getSnapshot().matches('consent'), { what: 'back on the consent screen' });
    expect(actor.getSnapshot().context.error).toBe('offline');
    actor.send({ type: 'ACCEPT' });
    daemon.answer('consent.record', { purpose: 'apply', textVersion: 'v', recordedAt: '2026-11-28T10:00:00+08:00' });
    await waitUntil(() => actor.getSnapshot().status === 'done', { what: 'identification to end' });
    expect(actor.getSnapshot().output).toEqual({ outcome: 'identified', card: CARD });
    expect(daemon.sent('consent.record')).toHaveLength(2);
  });

  it('the text version is the same for the same text and differs per purpose', () => {
    expect(consentTextVersion('apply')).toBe(consentTextVersion('apply'));
    expect(new Set(CONSENT_PURPOSES.map(consentTextVersion)).size).toBe(CONSENT_PURPOSES.length);
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
