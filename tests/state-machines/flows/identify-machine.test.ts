import { describe, expect, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { identifyMachine, type IdentifyEvent, type IdentifyInput } from '../../../state-machines/flows/identify-machine';
import { CARD, EXPIRED_CARD } from './service-fixtures';

const EVENTS: IdentifyEvent[] = [
  { type: 'CARD_PRESENT' },
  { type: 'CARD_READ', card: CARD },
  { type: 'CARD_READ', card: EXPIRED_CARD },
  { type: 'READ_FAILED', code: 'cardRemoved' },
  { type: 'READ_FAILED', code: 'noDevice' },
  { type: 'RETRY' },
  { type: 'ACCEPT' },
  { type: 'DECLINE' },
  { type: 'FACE_PASSED' },
  { type: 'FACE_FAILED', code: 'mismatch' },
  { type: 'FACE_SKIP' },
];
const serializeState = (s: SnapshotFrom<typeof identifyMachine>) => JSON.stringify([s.value, s.context.card?.expired ?? null, s.context.error ?? null]);

function replay(input: IdentifyInput, events: readonly IdentifyEvent[]) {
  const calls: string[] = [];
  const machine = identifyMachine.provide({
    actions: {
      readCard: () => void calls.push('read'),
      forgetCard: () => void calls.push('forget'),
      verifyFace: () => void calls.push('face'),
    },
  });
  const actor = createActor(machine, { input }).start();
  const trace = events.map((e) => {
    const before = calls.length;
    actor.send(e);
    return { event: e, calls: calls.slice(before), state: actor.getSnapshot().value };
  });
  return { actor, calls, trace };
}

describe.each<[string, IdentifyInput]>([
  ['card + consent', { consent: 'apply' }],
  ['card only', { consent: null }],
  ['card + face + consent', { consent: 'apply', faceRequired: true }],
])('identify graph (%s)', (_, input) => {
  const opts = { events: EVENTS, serializeState, input };
  const shortest = getShortestPaths(identifyMachine, opts);
  const simple = getSimplePaths(identifyMachine, opts);

  it('reaches the states this configuration has', () => {
    const reached = new Set(shortest.map((p) => String(p.state.value)));
    const expected = ['waiting', 'reading', 'failed', 'expired', 'unavailable', 'identified'];
    if (input.consent) expected.push('consent', 'declined');
    if (input.faceRequired) expected.push('face', 'faceFailed');
    for (const s of expected) expect(reached).toContain(s);
    if (!input.consent) expect(reached).not.toContain('consent');
    if (!input.faceRequired) expect(reached).not.toContain('face');
  });

  it('on every simple path: the reader is asked once per wait, a refused card is forgotten, and the output names a person only after a valid read (and consent)', () => {
    expect(simple.length).toBeGreaterThan(10);
    for (const path of simple) {
      const events = path.steps.map((s) => s.event as IdentifyEvent);
      const label = JSON.stringify(events.map((e) => e.type));
      const { actor, trace, calls } = replay(input, events);
      // one read at start + one per RETRY that re-entered waiting
      const waits = 1 + trace.filter((t) => t.event.type === 'RETRY' && t.state === 'waiting').length;
      expect(calls.filter((c) => c === 'read').length, label).toBe(waits);
      // reading happens only in waiting: no card.read while consent/face/identified is on screen
      for (const t of trace) if (t.calls.includes('read')) expect(t.state, label).toBe('waiting');
      for (const t of trace) {
        if (t.state === 'expired' && t.event.type === 'CARD_READ') expect(t.calls, label).toContain('forget');
        if (t.state === 'declined') expect(t.calls, label).toContain('forget');
      }
      const snap = actor.getSnapshot();
      if (snap.status === 'done') {
        const out = snap.output!;
        if (snap.value === 'identified') {
          expect(out, label).toEqual({ outcome: 'identified', card: CARD });
          if (input.consent) expect(events.some((e) => e.type === 'ACCEPT'), label).toBe(true);
          if (input.faceRequired) expect(events.some((e) => e.type === 'FACE_PASSED' || e.type === 'FACE_SKIP'), label).toBe(true);
        } else {
          expect(out, label).toEqual({ outcome: 'declined' });
        }
      }
    }
  });
});

describe('identify: the failures residents meet', () => {
  it('an expired card is refused with its date and forgotten; another card can be read', () => {
    const { actor, calls } = replay({ consent: 'apply' }, [{ type: 'CARD_PRESENT' }, { type: 'CARD_READ', card: EXPIRED_CARD }]);
    expect(actor.getSnapshot().value).toBe('expired');
    expect(actor.getSnapshot().context.card?.validTo).toBe('2020-01-01');
    expect(calls).toEqual(['read', 'forget']);
    actor.send({ type: 'RETRY' });
    actor.send({ type: 'CARD_READ', card: CARD });
    expect(actor.getSnapshot().value).toBe('consent');
  });

  it('card removed mid-read → failed with the code, retry reads again', () => {
    const { actor, calls } = replay({ consent: null }, [{ type: 'CARD_PRESENT' }, { type: 'READ_FAILED', code: 'cardRemoved' }]);
    expect(actor.getSnapshot().value).toBe('failed');
    expect(actor.getSnapshot().context.error).toBe('cardRemoved');
    actor.send({ type: 'RETRY' });
    expect(calls).toEqual(['read', 'read']);
  });

  it('reader offline codes lead to "identification unavailable", not an endless retry prompt', () => {
    for (const code of ['noDevice', 'offline', 'transportLost', 'hardwareError', 'samError']) {
      const { actor } = replay({ consent: null }, [{ type: 'READ_FAILED', code }]);
      expect(actor.getSnapshot().value, code).toBe('unavailable');
    }
    for (const code of ['noCard', 'timeout', 'cardUnreadable', 'cardRemoved', 'busy']) {
      const { actor } = replay({ consent: null }, [{ type: 'READ_FAILED', code }]);
      expect(actor.getSnapshot().value, code).toBe('failed');
    }
  });

  it('a failed face check never blocks: the card-only way stays open', () => {
    const { actor } = replay({ consent: null, faceRequired: true }, [
      { type: 'CARD_READ', card: CARD },
      { type: 'FACE_FAILED', code: 'mismatch' },
      { type: 'FACE_SKIP' },
    ]);
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().output).toEqual({ outcome: 'identified', card: CARD });
  });
});
