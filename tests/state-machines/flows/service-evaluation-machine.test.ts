import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { type Invitation, type RateRequest, type ServiceEvaluationEvent, serviceEvaluationMachine } from '../../../state-machines/flows/service-evaluation-machine';
import { done, elapsed, failed, label, offered, replay, type Answer, type Elapsed, type HostSpy } from '../machine-walk';

// 好差评 after a service, walked as a graph: the invitation, the screen and
// the device as event sources, the daemon's answers, the timeouts. Every path
// is replayed on a real actor: at most one rating is sent per path, always
// of the event invited, with the level and channel of the first rating
// (screen or device); a 差评 is sent only with a reason; skip and timeout
// send nothing but the dismissal.
const KEY = '00000000-0000-4000-8000-0000000000e2';
const CASE = 'WD0001-20260302-00042-X';
type Event = ServiceEvaluationEvent | Answer | Elapsed;
type Snap = SnapshotFrom<typeof serviceEvaluationMachine>;

const withDevice: Invitation = { eventKey: CASE, url: `https://x.example/hcp?case=${CASE}`, device: { shows: 'qr', rates: true, state: 'online' }, alreadyRated: false };
const noDevice: Invitation = { ...withDevice, device: { shows: 'none', rates: false, state: 'noDevice' } };
const rated: Invitation = { ...withDevice, alreadyRated: true };

const RESIDENT: ServiceEvaluationEvent[] = [
  { type: 'RATE', level: 5 },
  { type: 'RATE', level: 1 },
  { type: 'RATE', level: 0 },
  { type: 'DEVICE_RATED', eventKey: CASE, level: 4 },
  { type: 'DEVICE_RATED', eventKey: CASE, level: 2 },
  { type: 'DEVICE_RATED', eventKey: 'EV-OTHER-EVENT-000', level: 5 },
  { type: 'TOGGLE_REASON', code: 'effic' },
  { type: 'TYPE_PHONE', phone: '13900001234' },
  { type: 'TYPE_PHONE', phone: '139' },
  { type: 'NEXT' },
  { type: 'PREV' },
  { type: 'SKIP' },
  { type: 'RETRY' },
  { type: 'FINISH' },
];
const ANSWERS: Array<Answer | Elapsed> = [
  done('invite', withDevice),
  done('invite', noDevice),
  done('invite', rated),
  failed('invite', 'offline'),
  done('rate'),
  failed('rate', 'alreadyRated'),
  failed('rate', 'timeout'),
  done('dismiss'),
  elapsed('ratingTimeout', 'serviceEvaluation.rating'),
  elapsed('ratingTimeout', 'serviceEvaluation.reasons'),
];
const serializeState = (s: Snap) =>
  JSON.stringify([
    s.value,
    s.context.invitation?.device.state ?? null,
    s.context.invitation?.alreadyRated ?? null,
    s.context.level ?? null,
    s.context.channel ?? null,
    s.context.reasons,
    s.context.phone,
    s.context.error ?? null,
  ]);
const spies = (spy: HostSpy) => ({ invite: spy.request('invite'), rate: spy.request('rate'), dismiss: spy.request('dismiss') });
const input = { idempotencyKey: KEY, caseNo: CASE };
const walk = { events: offered(RESIDENT, ANSWERS), serializeState, input };

function checkPath(events: readonly Event[]) {
  const why = events.map(label).join(' ');
  const { spy, trace } = replay(serviceEvaluationMachine, spies, events, input);
  const rates = spy.startsOf<RateRequest>('rate');
  const dismissals = spy.startsOf<{ eventKey: string }>('dismiss');
  // One rating per service event: never two sends unless the first failed (RETRY of the same content).
  for (const [n, r] of rates.entries()) {
    expect(r.input.eventKey, why).toBe(CASE);
    expect(r.input.idempotencyKey, why).toBe(KEY);
    if (r.input.level <= 2) expect(r.input.reasons.length, why).toBeGreaterThan(0);
    else expect([r.input.reasons, r.input.callbackPhone], why).toEqual([[], undefined]);
    // The channel and level are those of the valid rating last taken on the rating screen (PREV goes back there).
    const isRating = (e: Event) => (e.type === 'RATE' && e.level >= 1 && e.level <= 5) || (e.type === 'DEVICE_RATED' && e.eventKey === CASE);
    const source = trace
      .slice(0, r.at + 1)
      .filter((t) => t.from.value === 'rating' && isRating(t.event))
      .at(-1)!.event as Extract<ServiceEvaluationEvent, { level: number }>;
    expect(r.input.channel, why).toBe(source.type === 'RATE' ? 'screen' : 'device');
    expect(r.input.level, why).toBe(source.level);
    if (n > 0) {
      expect(trace[r.at]!.event.type, why).toBe('RETRY');
      expect(r.input, why).toEqual(rates[n - 1]!.input);
    }
  }
  // Skip and timeout: a dismissal, and no rating sent after it.
  for (const d of dismissals)
    expect(
      rates.every((r) => r.at < d.at),
      why,
    ).toBe(true);
  return { rates, dismissals, spy };
}

describe('好差评 after a service, as a graph', () => {
  it('reaches every state; every shortest path keeps the rules', { timeout: 120_000 }, () => {
    const paths = getShortestPaths(serviceEvaluationMachine, walk);
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    for (const s of ['inviting', 'rating', 'reasons', 'submitting', 'failed', 'thanks', 'rated', 'dismissing', 'done']) expect(reached, s).toContain(JSON.stringify(s));
    for (const p of paths) checkPath(p.steps.map((s) => s.event as Event));
  });

  it('every simple path to a rating sent keeps the rules (both channels at once, back, retry)', { timeout: 120_000 }, () => {
    const paths = getSimplePaths(serviceEvaluationMachine, { ...walk, toState: (s) => s.matches('thanks') });
    expect(paths.length).toBeGreaterThan(10);
    for (const p of paths) checkPath(p.steps.map((s) => s.event as Event));
  });

  const path = (...events: Event[]) => checkPath(events);

  it('rate on the screen: one rating, channel screen', () => {
    const { rates } = path(done('invite', withDevice), { type: 'RATE', level: 5 }, done('rate'));
    expect(rates.map((r) => [r.input.channel, r.input.level])).toEqual([['screen', 5]]);
  });

  it('rate on the device: the screen follows, one rating, channel device', () => {
    const { rates } = path(done('invite', withDevice), { type: 'DEVICE_RATED', eventKey: CASE, level: 4 }, done('rate'));
    expect(rates.map((r) => [r.input.channel, r.input.level])).toEqual([['device', 4]]);
  });

  it('both at once: the first is the rating, the second is not listened to', () => {
    const { rates } = path(done('invite', withDevice), { type: 'DEVICE_RATED', eventKey: CASE, level: 4 }, { type: 'RATE', level: 1 }, done('rate'));
    expect(rates.map((r) => [r.input.channel, r.input.level])).toEqual([['device', 4]]);
  });

  it('a 差评 needs a reason before it is sent; the call-back phone must be a mobile number or nothing', () => {
    const { rates } = path(
      done('invite', withDevice),
      { type: 'RATE', level: 1 },
      { type: 'NEXT' },
      { type: 'TOGGLE_REASON', code: 'effic' },
      { type: 'TYPE_PHONE', phone: '139' },
      { type: 'NEXT' },
      { type: 'TYPE_PHONE', phone: '13900001234' },
      { type: 'NEXT' },
      done('rate'),
    );
    expect(rates.map((r) => r.at)).toEqual([7]);
    expect(rates[0]!.input).toMatchObject({ level: 1, reasons: ['effic'], callbackPhone: '13900001234' });
  });

  it('skip and timeout record nothing (the device is told to stand down)', () => {
    for (const events of [
      [done('invite', withDevice), { type: 'SKIP' } as Event, done('dismiss')],
      [done('invite', withDevice), elapsed('ratingTimeout', 'serviceEvaluation.rating'), done('dismiss')],
    ]) {
      const { rates, dismissals } = path(...events);
      expect(rates).toEqual([]);
      expect(dismissals.map((d) => d.input.eventKey)).toEqual([CASE]);
    }
  });

  it('device absent: the screen alone rates; an event already rated is not asked again', () => {
    expect(path(done('invite', noDevice), { type: 'RATE', level: 3 }, done('rate')).rates).toHaveLength(1);
    expect(path(done('invite', rated), { type: 'RATE', level: 3 }).rates).toEqual([]);
  });
});
