import { describe, expect, it } from 'vitest';
import { ConnectionLimits } from '../../../device-daemon/api/connection-limits';
import type { ParsedCommand } from '../../../device-daemon/api/router';
import { ApiLimits } from '../../../device-daemon/config/schema';

const cmd = (name: ParsedCommand['name'], args: unknown = {}): ParsedCommand => ({ id: 'x', name, args });

describe('limits of one connection', () => {
  it('caps the commands still running: the excess is refused at once, and a finished one makes room', () => {
    const limits = new ConnectionLimits(ApiLimits.parse({ maxInFlight: 2 }), () => 0);
    expect(limits.admit(cmd('card.read')).ok).toBe(true);
    expect(limits.admit(cmd('system.ping')).ok).toBe(true);
    const third = limits.admit(cmd('system.ping'));
    expect(third).toMatchObject({ ok: false, message: expect.stringMatching(/still running/) });
    limits.done();
    expect(limits.admit(cmd('system.ping')).ok).toBe(true);
  });

  it('every message spends from the rate, refused ones too: a flood stays refused until it slows down', () => {
    let t = 0;
    const limits = new ConnectionLimits(ApiLimits.parse({ commandsPerSecond: 10, commandBurst: 5, maxInFlight: 1000 }), () => t);
    const outcomes = Array.from({ length: 8 }, () => limits.admit(cmd('system.ping')).ok);
    expect(outcomes).toEqual([true, true, true, true, true, false, false, false]);
    const refused = limits.admit(cmd('system.ping'));
    expect(refused).toMatchObject({ ok: false, retryAfterMs: 100 });
    t += 100;
    expect(limits.admit(cmd('system.ping')).ok).toBe(true);
  });

  it('lookups by case number have their own, slower rate; a lookup by card is not one', () => {
    let t = 0;
    const limits = new ConnectionLimits(ApiLimits.parse({ caseLookupsPerSecond: 2, caseLookupBurst: 3, maxInFlight: 1000 }), () => t);
    const byNumber = () => {
      const a = limits.admit(cmd('case.progress', { caseNo: 'WD0001-20250602-00001-X' }));
      if (a.ok) limits.done();
      return a;
    };
    expect([byNumber().ok, byNumber().ok, byNumber().ok]).toEqual([true, true, true]);
    expect(byNumber()).toMatchObject({ ok: false, message: expect.stringMatching(/case number/), retryAfterMs: 500 });
    expect(limits.admit(cmd('case.progress', { byCard: true })).ok).toBe(true);
    t += 500;
    expect(byNumber().ok).toBe(true);
  });
});
