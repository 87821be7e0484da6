import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { identifyMachine, type IdentifyEvent, type IdentifyInput } from '../../../state-machines/flows/identify-machine';
import { done, failed, label, offered, replay, type HostSpy } from '../machine-walk';
import { CARD, EXPIRED_CARD } from './service-fixtures';

type Snap = SnapshotFrom<typeof identifyMachine>;
const RESIDENT: IdentifyEvent[] = [{ type: 'CARD_PRESENT' }, { type: 'RETRY' }, { type: 'ACCEPT' }, { type: 'DECLINE' }, { type: 'FACE_SKIP' }];
const ANSWERS = [
  done('readCard', CARD),
  done('readCard', EXPIRED_CARD),
  failed('readCard', 'cardRemoved'),
  failed('readCard', 'noDevice'),
  done('verifyFace'),
  failed('verifyFace', 'mismatch'),
  done('forgetCard'),
  done('recordConsent', { purpose: 'apply', textVersion: 'apply-0a1b2c3d', recordedAt: '2026-11-28T10:00:00+08:00' }),
  failed('recordConsent', 'offline'),
];
const serializeState = (s: Snap) => JSON.stringify([s.value, s.context.card?.expired ?? null, s.context.error ?? null]);
const spies = (spy: HostSpy) => ({
  readCard: spy.request('readCard'),
  cardPresence: spy.stream('cardPresence'),
  forgetCard: spy.request('forgetCard'),
  verifyFace: spy.request('verifyFace'),
  recordConsent: spy.request('recordConsent'),
});
/** The name a screen gives the state (the reader's two sub-states are "waiting" and "reading"). */
const shown = (s: Snap) => (typeof s.value === 'string' ? s.value : s.value.reader);

describe.each<[string, IdentifyInput]>([
  ['card + consent', { consent: 'apply' }],
  ['card only', { consent: null }],
  ['card + face + consent', { consent: 'apply', faceRequired: true }],
])('identify graph (%s)', (_, input) => {
  const opts = { events: offered(RESIDENT, ANSWERS), serializeState, input };
  const shortest = getShortestPaths(identifyMachine, opts);
  const simple = getSimplePaths(identifyMachine, opts);

  it('reaches the states this configuration has', () => {
    const reached = new Set(shortest.map((p) => shown(p.state)));
    const expected = ['waiting', 'reading', 'failed', 'expired', 'unavailable', 'identified'];
    if (input.consent) expected.push('consent', 'recordingConsent', 'declining', 'declined');
    if (input.faceRequired) expected.push('face', 'faceFailed');
    for (const s of expected) expect(reached).toContain(s);
    if (!input.consent) expect(reached).not.toContain('consent');
    if (!input.faceRequired) expect(reached).not.toContain('face');
  });

  it('on every simple path: the reader is asked once per wait and only while waiting, a refused card is forgotten, and the output names a person only after a valid read (and a consent the daemon recorded)', () => {
    expect(simple.length).toBeGreaterThan(10);
    for (const path of simple) {
      const events = path.steps.map((s) => s.event);
      const why = events.map(label).join(' ');
      const { spy, trace, end } = replay(identifyMachine, spies, events, input);
      // One read at start + one per entry into the wait; the read and the card-presence listener run exactly while it waits.
      const waits = 1 + trace.filter((t) => !t.from.matches('reader') && t.to.matches('reader')).length;
      expect(spy.startsOf('readCard').length, why).toBe(waits);
      for (const t of trace) {
        expect(t.running.readCard ?? 0, why).toBe(t.to.matches('reader') ? 1 : 0);
        expect(t.running.cardPresence ?? 0, why).toBe(t.to.matches('reader') ? 1 : 0);
      }
      // A refused card is forgotten at once: an expired read, a declined consent.
      const forgets = spy.startsOf('forgetCard').map((f) => f.at);
      trace.forEach((t, i) => {
        if (t.to.value === 'expired' && t.from.value !== 'expired') expect(forgets, why).toContain(i);
        if (t.event.type === 'DECLINE' && t.to.value === 'declining') expect(forgets, why).toContain(i);
      });
      if (end.status === 'done') {
        if (end.value === 'identified') {
          expect(end.output, why).toEqual({ outcome: 'identified', card: CARD });
          // With a consent screen: the last thing before the person is named is the daemon's record of the consent, asked for with this journey's purpose after ACCEPT.
          if (input.consent) {
            expect(events.at(-1)?.type, why).toBe('xstate.done.actor.recordConsent');
            const asked = spy.startsOf<{ purpose: string }>('recordConsent');
            expect(asked.at(-1)?.input, why).toEqual({ purpose: input.consent });
            expect(events[asked.at(-1)!.at]?.type, why).toBe('ACCEPT');
          } else expect(spy.startsOf('recordConsent'), why).toEqual([]);
          if (input.faceRequired)
            expect(
              events.some((e) => ['xstate.done.actor.verifyFace', 'FACE_SKIP'].includes(e.type)),
              why,
            ).toBe(true);
        } else {
          expect(end.output, why).toEqual({ outcome: 'declined' });
        }
      }
    }
  });
});

describe('identify: the failures residents meet', () => {
  const run = (input: IdentifyInput, events: Parameters<typeof replay<typeof identifyMachine>>[2]) => replay(identifyMachine, spies, events, input);

  it('an expired card is refused with its date and forgotten; another card can be read', () => {
    const { actor, spy } = run({ consent: 'apply' }, [{ type: 'CARD_PRESENT' }, done('readCard', EXPIRED_CARD)]);
    expect(actor.getSnapshot().value).toBe('expired');
    expect(actor.getSnapshot().context.card?.validTo).toBe('2020-01-01');
    expect(spy.started.map((s) => s.name)).toEqual(['readCard', 'cardPresence', 'forgetCard']);
    actor.send({ type: 'RETRY' });
    expect(actor.getSnapshot().context.card).toBeUndefined();
    actor.send(done('readCard', CARD) as never);
    expect(actor.getSnapshot().value).toBe('consent');
    // A forget the daemon could not do changes nothing the resident can do.
    const offline = run({ consent: 'apply' }, [done('readCard', EXPIRED_CARD), failed('forgetCard', 'offline')]);
    expect(offline.end.value).toBe('expired');
    expect(offline.end.status).toBe('active');
  });

  it('card removed mid-read → failed with the code, retry reads again', () => {
    const { actor, spy } = run({ consent: null }, [{ type: 'CARD_PRESENT' }, failed('readCard', 'cardRemoved')]);
    expect(actor.getSnapshot().value).toBe('failed');
    expect(actor.getSnapshot().context.error).toBe('cardRemoved');
    actor.send({ type: 'RETRY' });
    expect(spy.startsOf('readCard').length).toBe(2);
  });

  it('reader offline codes lead to "identification unavailable", not an endless retry prompt', () => {
    for (const code of ['noDevice', 'offline', 'transportLost', 'hardwareError', 'samError']) {
      expect(run({ consent: null }, [failed('readCard', code)]).end.value, code).toBe('unavailable');
    }
    for (const code of ['noCard', 'timeout', 'cardUnreadable', 'cardRemoved', 'busy']) {
      expect(run({ consent: null }, [failed('readCard', code)]).end.value, code).toBe('failed');
    }
  });

  it('a failed face check never blocks: the card-only way stays open', () => {
    const { end } = run({ consent: null, faceRequired: true }, [done('readCard', CARD), failed('verifyFace', 'mismatch'), { type: 'FACE_SKIP' }]);
    expect(end.status).toBe('done');
    expect(end.output).toEqual({ outcome: 'identified', card: CARD });
  });

  it('declining forgets the card before the journey hears of it, even when the daemon cannot answer', () => {
    for (const answer of [done('forgetCard'), failed('forgetCard', 'offline')]) {
      const { actor, spy } = run({ consent: 'apply' }, [done('readCard', CARD), { type: 'DECLINE' }]);
      expect(actor.getSnapshot().status).toBe('active');
      expect(spy.startsOf('forgetCard').length).toBe(1);
      actor.send(answer as never);
      expect(actor.getSnapshot().output).toEqual({ outcome: 'declined' });
    }
  });

  it('leaving while the reader waits stops the read (the page then cancels it on the reader)', () => {
    const { actor, spy } = run({ consent: 'apply' }, [{ type: 'CARD_PRESENT' }]);
    expect(spy.running('readCard')).toBe(1);
    actor.stop();
    expect(spy.running('readCard')).toBe(0);
    expect(spy.running('cardPresence')).toBe(0);
  });
});
