import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DEMO_PIN, TechnicianAuth, TRIES_BEFORE_LOCKOUT, type AuthOutcome } from '../../../device-daemon/auth/technician-auth';
import { hashPin } from '../../../device-daemon/config/pin-hash';

// The technician PIN check: scrypt against the configured hash, a lockout
// after 5 wrong PINs that grows and outlives a restart (a new instance over
// the same state file is what a restarted daemon or another kioskctl run is),
// every try logged without the PIN, the shipped demo PIN refused unless the
// terminal is marked a demo. Time is injected.
const PIN = '13572468';
const HASH = hashPin(PIN);
const DEMO_HASH = hashPin(DEMO_PIN);
const MIN = 60_000;

function rig(opts: { pinHash?: string; demoMode?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-tech-'));
  const stateFile = join(dir, 'technician-auth.json');
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
  let t = Date.parse('2026-11-28T02:00:00Z');
  const clock = {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
  /** A fresh instance over the same file: a restarted daemon, or the next kioskctl run. */
  const start = () => new TechnicianAuth({ pinHash: opts.pinHash ?? HASH, demoMode: opts.demoMode ?? false, stateFile, now: clock.now, log });
  return { stateFile, lines, clock, start };
}

async function lockOut(auth: TechnicianAuth): Promise<AuthOutcome | undefined> {
  let last: AuthOutcome | undefined;
  for (let i = 0; i < TRIES_BEFORE_LOCKOUT; i++) last = await auth.verify('00000000', 'test');
  return last;
}

describe('technician auth', () => {
  it('the right PIN opens; a wrong one is refused with the tries left; no PIN is pinRequired and costs no try', async () => {
    const { start } = rig();
    const auth = start();
    expect(await auth.verify(PIN, 'card read --reveal')).toEqual({ ok: true, demo: false });
    expect(await auth.verify('13572469', 'card read --reveal')).toEqual({ ok: false, code: 'pinInvalid', remaining: 4, lockedUntil: null });
    expect(await auth.verify(undefined, 'card read --reveal')).toEqual({ ok: false, code: 'pinRequired' });
    expect(await auth.verify('', 'card read --reveal')).toEqual({ ok: false, code: 'pinRequired' });
    expect(await auth.verify('13572469', 'card read --reveal')).toMatchObject({ code: 'pinInvalid', remaining: 3 });
    // The right PIN starts the count over.
    expect(await auth.verify(PIN, 'card read --reveal')).toMatchObject({ ok: true });
    expect(await auth.verify('13572469', 'card read --reveal')).toMatchObject({ code: 'pinInvalid', remaining: 4 });
  });

  it('5 wrong PINs lock for 1 min, then 5, 15, 60 min …, across restarts; even the right PIN is refused while locked; the right one afterwards resets the growth', async () => {
    const { start, clock } = rig();
    const first = await lockOut(start());
    expect(first).toEqual({ ok: false, code: 'pinInvalid', remaining: 0, lockedUntil: clock.now() + 1 * MIN });
    // Restart: still locked, the right PIN included.
    expect(await start().verify(PIN, 'test')).toEqual({ ok: false, code: 'locked', lockedUntil: clock.now() + 1 * MIN });
    clock.advance(1 * MIN - 1);
    expect(await start().verify(PIN, 'test')).toMatchObject({ code: 'locked' });
    for (const minutes of [5, 15, 60, 240]) {
      clock.advance(MIN * 1440);
      expect(await lockOut(start())).toMatchObject({ code: 'pinInvalid', lockedUntil: clock.now() + minutes * MIN });
    }
    clock.advance(MIN * 1440);
    expect(await start().verify(PIN, 'test')).toMatchObject({ ok: true });
    expect(await lockOut(start())).toMatchObject({ lockedUntil: clock.now() + 1 * MIN });
  });

  it('keeps counts and the lockout in a file only the terminal’s user can read, without any PIN; every try is logged without the PIN', async () => {
    const { start, stateFile, lines } = rig();
    const auth = start();
    await auth.verify(PIN, 'card read --reveal');
    await lockOut(auth);
    await auth.verify(PIN, 'card read --reveal');
    const text = readFileSync(stateFile, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ failures: 0, lockouts: 1, lockedUntil: expect.any(Number), totals: { tries: 7, wrong: 5, refusedLocked: 1, accepted: 1 } });
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);
    expect(lines).toHaveLength(7);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.map((e) => e.outcome)).toEqual(['accepted', 'pinInvalid', 'pinInvalid', 'pinInvalid', 'pinInvalid', 'pinInvalid', 'locked']);
    expect(entries.every((e) => e.action === 'card read --reveal' || e.action === 'test')).toBe(true);
    for (const secret of [PIN, '00000000', HASH]) {
      expect(lines.join('\n')).not.toContain(secret);
      expect(text).not.toContain(secret);
    }
  });

  it('a spoiled state file is a lockout of its own, never a clean slate', async () => {
    const { start, stateFile, clock } = rig();
    await lockOut(start());
    writeFileSync(stateFile, '{"failures":');
    expect(await start().verify(PIN, 'test')).toEqual({ ok: false, code: 'locked', lockedUntil: clock.now() + MIN });
    clock.advance(MIN);
    expect(await start().verify(PIN, 'test')).toMatchObject({ ok: true });
  });

  it('the shipped demo PIN is refused unless the config marks a demo terminal; with the mark it opens, flagged as the demo PIN', async () => {
    const service = rig({ pinHash: DEMO_HASH });
    expect(await service.start().demoPinConfigured()).toBe(true);
    expect(await service.start().verify(DEMO_PIN, 'test')).toEqual({ ok: false, code: 'demoPin' });
    const demo = rig({ pinHash: DEMO_HASH, demoMode: true });
    expect(await demo.start().verify(DEMO_PIN, 'test')).toEqual({ ok: true, demo: true });
    // A terminal with its own PIN: the demo PIN is just a wrong one.
    const own = rig();
    expect(await own.start().demoPinConfigured()).toBe(false);
    expect(await own.start().verify(DEMO_PIN, 'test')).toMatchObject({ code: 'pinInvalid' });
  });
});
