import { describe, expect, it } from 'vitest';
import { getInitialSnapshot, transition, type AnyMachineSnapshot } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { idCardReaderMachine, type IdCardReaderEvent } from '../../../state-machines/devices/id-card-reader';

/**
 * The reader machine walked as a graph. Timers are walked as the events they
 * raise (xstate.after.<delay>.<state>), device results as the host's events,
 * so every path is a plain event sequence with no clock.
 */
const afterDelay = (delay: string, state: string) => ({ type: `xstate.after.${delay}.idCardReader.${state}` }) as unknown as IdCardReaderEvent;

const EVENTS: IdCardReaderEvent[] = [
  { type: 'READ', timeoutMs: 5000 },
  { type: 'CANCEL' },
  { type: 'WIPE' },
  { type: 'FOUND' },
  { type: 'NOT_FOUND' },
  { type: 'SELECTED' },
  { type: 'SELECT_FAILED' },
  { type: 'READ_OK' },
  { type: 'READ_FAILED', code: 'cardRemoved' },
  { type: 'READ_FAILED', code: 'cardUnreadable' },
  { type: 'READ_FAILED', code: 'timeout' },
  { type: 'READ_FAILED', code: 'hardwareError' },
  { type: 'SAM_ERROR' },
  { type: 'TRANSPORT_LOST' },
  { type: 'STILL_PRESENT' },
  { type: 'GONE' },
];
const EVENTS_WITH_TIMERS = [...EVENTS, afterDelay('readTimeout', 'read'), afterDelay('pollInterval', 'read.pollWait'), afterDelay('removalPoll', 'cardPresent.watching')];

const stateKey = (s: AnyMachineSnapshot) => JSON.stringify(s.value);

/** Replay events through the pure transition function, collecting the named actions it would run. */
function replay(events: IdCardReaderEvent[]) {
  let snap = getInitialSnapshot(idCardReaderMachine);
  const actions: string[] = [];
  for (const e of events) {
    const [next, acts] = transition(idCardReaderMachine, snap, e);
    snap = next;
    for (const a of acts) if (typeof a.type === 'string' && !a.type.startsWith('xstate.')) actions.push(a.type);
  }
  return { snap, actions };
}

describe('reader machine graph', () => {
  const paths = getShortestPaths(idCardReaderMachine, { events: EVENTS_WITH_TIMERS });
  const reached = new Set(paths.map((p) => stateKey(p.state)));

  it('reaches every state of the reader through events alone', () => {
    for (const v of ['"idle"', '{"read":"polling"}', '{"read":"pollWait"}', '{"read":"selecting"}', '{"read":"reading"}', '{"cardPresent":"watching"}', '{"cardPresent":"checking"}']) {
      expect(reached, v).toContain(v);
    }
  });

  it('never rests in a transient state (failed and removed pass straight to idle)', () => {
    for (const p of paths) expect(['"failed"', '"removed"']).not.toContain(stateKey(p.state));
  });

  it('the happy path: find, select, read, resolve, watch, removal announced', () => {
    const { snap, actions } = replay([
      { type: 'READ', timeoutMs: 5000 },
      { type: 'FOUND' },
      { type: 'SELECTED' },
      { type: 'READ_OK' },
      afterDelay('removalPoll', 'cardPresent.watching'),
      { type: 'STILL_PRESENT' },
      afterDelay('removalPoll', 'cardPresent.watching'),
      { type: 'GONE' },
    ]);
    expect(actions).toEqual(['markBusy', 'sendFind', 'announcePresent', 'sendSelect', 'sendRead', 'markIdle', 'resolveRead', 'sendPresenceCheck', 'sendPresenceCheck', 'announceRemoved']);
    expect(stateKey(snap)).toBe('"idle"');
    expect(snap.context.held).toBe(true); // removal does not wipe: the session does
  });

  it('polls again after an empty find and after a failed select', () => {
    const { actions } = replay([
      { type: 'READ', timeoutMs: 5000 },
      { type: 'NOT_FOUND' },
      afterDelay('pollInterval', 'read.pollWait'),
      { type: 'FOUND' },
      { type: 'SELECT_FAILED' },
      afterDelay('pollInterval', 'read.pollWait'),
    ]);
    expect(actions.filter((a) => a === 'sendFind')).toHaveLength(3);
  });

  // Every way a read can end without a card, and the code it ends with.
  const endings: Array<[string, IdCardReaderEvent[], string]> = [
    ['no card by the deadline', [afterDelay('readTimeout', 'read')], 'noCard'],
    ['deadline after the card was seen', [{ type: 'FOUND' }, { type: 'SELECTED' }, afterDelay('readTimeout', 'read')], 'timeout'],
    ['card removed mid-read', [{ type: 'FOUND' }, { type: 'SELECTED' }, { type: 'READ_FAILED', code: 'cardRemoved' }], 'cardRemoved'],
    ['unreadable card', [{ type: 'FOUND' }, { type: 'SELECTED' }, { type: 'READ_FAILED', code: 'cardUnreadable' }], 'cardUnreadable'],
    ['SAM fault', [{ type: 'SAM_ERROR' }], 'samError'],
    ['transport lost', [{ type: 'FOUND' }, { type: 'TRANSPORT_LOST' }], 'transportLost'],
    ['cancelled', [{ type: 'CANCEL' }], 'cancelled'],
    ['session ended', [{ type: 'WIPE' }], 'cancelled'],
    ['corrupt link', [{ type: 'READ_FAILED', code: 'hardwareError' }], 'hardwareError'],
  ];
  for (const [what, events, code] of endings) {
    it(`ends with ${code}: ${what}`, () => {
      const { snap, actions } = replay([{ type: 'READ', timeoutMs: 5000 }, ...events]);
      expect(stateKey(snap)).toBe('"idle"');
      expect(snap.context.error).toBe(code);
      expect(actions.at(-1)).toBe('rejectRead');
      expect(actions).toContain('markIdle');
      expect(actions).not.toContain('resolveRead');
    });
  }

  it('each failure code is reachable on some simple path from idle', () => {
    const simple = getSimplePaths(idCardReaderMachine, { events: EVENTS_WITH_TIMERS });
    const codes = new Set(simple.map((p) => p.state.context.error).filter(Boolean));
    expect([...codes].sort()).toEqual(['cancelled', 'cardRemoved', 'cardUnreadable', 'hardwareError', 'noCard', 'samError', 'timeout', 'transportLost']);
  });

  it('a second read in the same session answers from the held record; after WIPE it reads the card again', () => {
    const base: IdCardReaderEvent[] = [{ type: 'READ', timeoutMs: 5000 }, { type: 'FOUND' }, { type: 'SELECTED' }, { type: 'READ_OK' }];
    const again = replay([...base, { type: 'READ', timeoutMs: 5000 }]);
    expect(again.actions.at(-1)).toBe('resolveHeld');
    expect(stateKey(again.snap)).toBe('{"cardPresent":"watching"}');
    const wiped = replay([...base, { type: 'WIPE' }, { type: 'READ', timeoutMs: 5000 }]);
    expect(stateKey(wiped.snap)).toBe('{"read":"polling"}');
    expect(wiped.snap.context.held).toBe(false);
  });

  it('ignores device results that arrive in the wrong state (late replies)', () => {
    const { snap, actions } = replay([{ type: 'READ_OK' }, { type: 'FOUND' }, { type: 'GONE' }, { type: 'SELECTED' }]);
    expect(stateKey(snap)).toBe('"idle"');
    expect(actions).toEqual([]);
  });
});
