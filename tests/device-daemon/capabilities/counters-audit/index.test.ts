import { describe, expect, it } from 'vitest';
import { harnessPerTest } from '../harness';

const harness = harnessPerTest();

describe('counters and audit', () => {
  it('persists counters and audit from other capabilities and counts ended sessions', async () => {
    const clock = Date.parse('2025-06-02T09:00:00+08:00');
    const h = harness({ now: () => clock });
    h.bus.emit('counter', 'prints', 1);
    h.bus.emit('counter', 'paperMm', 120);
    h.bus.emit('counter', 'paperMm', 80);
    for (const w of h.wipers) expect(w()).toEqual([]);
    for (const w of h.wipers) w();
    const { counters } = h.store.current()!.store;
    expect(counters.read('2025-06-02')).toMatchObject({ prints: 1, paperMm: 200, sessions: 2 });
  });
});
