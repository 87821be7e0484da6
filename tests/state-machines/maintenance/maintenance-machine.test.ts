import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { getSimplePaths } from 'xstate/graph';
import { maintenanceMachine, type MaintenanceEvent } from '../../../state-machines/maintenance/maintenance-machine';
import { type Answer, done, elapsed, label, offered, replay, type HostSpy } from '../machine-walk';

type Snap = SnapshotFrom<typeof maintenanceMachine>;

const TECHNICIAN: MaintenanceEvent[] = [{ type: 'GESTURE' }, { type: 'SUBMIT', pin: '135790' }, { type: 'CANCEL' }, { type: 'SHOW', page: 'settings' }, { type: 'LEAVE' }, { type: 'ENDED' }];
/** maintenance.enter's answers: the token, a wrong PIN with the tries left, a wrong PIN that locks, a lockout in force. */
const rejected = (code: string, detail: Record<string, number>): Answer => ({ type: 'xstate.error.actor.enter', error: { code, detail } as never });
const LOCKED_UNTIL = Date.UTC(2026, 10, 30, 12, 1);
const ANSWERS: Answer[] = [
  done('enter', { token: 'tok-1' }),
  rejected('pinInvalid', { remaining: 3 }),
  rejected('pinInvalid', { remaining: 0, lockedUntil: LOCKED_UNTIL }),
  rejected('technicianLocked', { lockedUntil: LOCKED_UNTIL }),
  done('leave'),
  { type: 'xstate.error.actor.leave', error: { code: 'offline' } },
];
const IDLE_PAD = elapsed('pinPadIdle', 'maintenance.pinPad');
const IDLE_LOCKED = elapsed('pinPadIdle', 'maintenance.locked');
const events = (s: Snap) => [...offered(TECHNICIAN, ANSWERS)(s), ...(s.matches('pinPad') ? [IDLE_PAD] : []), ...(s.matches('locked') ? [IDLE_LOCKED] : [])] as MaintenanceEvent[];
const spies = (spy: HostSpy) => ({ enter: spy.request('enter'), leave: spy.request('leave') });
const key = (s: Snap) => JSON.stringify([s.value, s.context.token ?? null, s.context.page, s.context.error ?? null]);

describe('maintenance mode machine graph', () => {
  const paths = getSimplePaths(maintenanceMachine, { events, serializeState: key });

  it('reaches the open mode only through a PIN the daemon accepted, and every way out forgets the token and returns to attract', () => {
    expect(paths.some((p) => p.state.value === 'open')).toBe(true);
    expect(paths.some((p) => p.state.value === 'locked')).toBe(true);
    for (const p of paths) {
      const evs = p.steps.map((s) => s.event);
      const { trace, spy } = replay(maintenanceMachine, spies, evs);
      const where = evs.map(label).join(' ');
      for (const [i, t] of trace.entries()) {
        // Open only right after an accepted enter.
        if (t.to.matches('open') && !t.from.matches('open')) expect(label(evs[i]!), where).toBe('enter✓');
        if (t.to.matches('closed') || t.to.matches('pinPad') || t.to.matches('locked')) expect(t.to.context.token, where).toBeUndefined();
        const leftOpen = (t.from.matches('open') || t.from.matches('leaving')) && t.to.matches('closed');
        const emittedHere = spy.emitted.some((e) => e.at === i && e.event.type === 'returnToAttract');
        expect(emittedHere, `${where} @${i}`).toBe(leftOpen);
      }
      // One check at a time, each with the PIN typed; leave carries the token enter gave.
      expect(spy.peak('enter')).toBeLessThanOrEqual(1);
      for (const s of spy.startsOf('enter')) expect(s.input).toEqual({ pin: '135790' });
      for (const s of spy.startsOf('leave')) expect(s.input).toEqual({ token: 'tok-1' });
    }
  });

  it('a wrong PIN keeps the pad with the tries left; the locking one shows the lockout with its end', () => {
    const wrong = replay(maintenanceMachine, spies, [{ type: 'GESTURE' }, { type: 'SUBMIT', pin: '1' }, ANSWERS[1]!]);
    expect(wrong.end.value).toBe('pinPad');
    expect(wrong.end.context).toMatchObject({ error: 'pinInvalid', remaining: 3 });
    const locking = replay(maintenanceMachine, spies, [{ type: 'GESTURE' }, { type: 'SUBMIT', pin: '1' }, ANSWERS[2]!]);
    expect(locking.end.value).toBe('locked');
    expect(locking.end.context).toMatchObject({ error: 'pinInvalid', lockedUntil: LOCKED_UNTIL });
  });

  it('a PIN pad or lockout notice left alone closes by itself', () => {
    expect(replay(maintenanceMachine, spies, [{ type: 'GESTURE' }, IDLE_PAD]).end.value).toBe('closed');
    expect(replay(maintenanceMachine, spies, [{ type: 'GESTURE' }, { type: 'SUBMIT', pin: '1' }, ANSWERS[3]!, IDLE_LOCKED]).end.value).toBe('closed');
  });
});
