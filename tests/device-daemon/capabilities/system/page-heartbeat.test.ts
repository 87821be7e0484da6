import { afterEach, describe, expect, it } from 'vitest';
import type { PageStatus } from '../../../../contract/api';
import { createSessionCapability } from '../../../../device-daemon/capabilities/session';
import { SessionWipe } from '../../../../device-daemon/capabilities/session/session-wipe';
import { createSystemCapability } from '../../../../device-daemon/capabilities/system';
import { manualClock, startHarness, testConfig, type Harness } from '../harness';

const START = Date.parse('2026-06-01T09:00:00+08:00');
const boot = { version: 'test', bootId: 'boot-1', startedAt: START };

describe('the page heartbeat: page gone after 30 s of silence, ok when it resumes', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  function start() {
    const clock = manualClock(START);
    const harness = startHarness({ clock, capabilities: (ctx) => [createSystemCapability(ctx, boot)] });
    const onBus: PageStatus[] = [];
    harness.bus.on('pageStatus', (s) => onBus.push(s));
    h = harness;
    return { h: harness, clock, onBus, page: () => harness.health.page!() as PageStatus };
  }

  it('waits for the first beat, is ok while beats come every 10 s, gone 30 s after the last, ok again on the next', async () => {
    const { h, clock, onBus, page } = start();
    expect(page().state).toBe('waiting');

    const first = await h.call('page.heartbeat');
    expect(first.ok).toBe(true);
    expect(first.result.state).toBe('ok');
    expect(page().state).toBe('ok');
    // Beats 10 s apart for two minutes: never gone.
    for (let i = 0; i < 12; i++) {
      clock.advance(10_000);
      await h.call('page.heartbeat');
    }
    expect(page().state).toBe('ok');
    expect(onBus.map((s) => s.state)).toEqual(['ok']);

    // Silence: still ok 1 ms before the 30 s limit, gone at it.
    clock.advance(29_999);
    expect(page().state).toBe('ok');
    clock.advance(1);
    expect(page().state).toBe('gone');
    expect(page().lastHeartbeat).toBeDefined();
    expect(onBus.map((s) => s.state)).toEqual(['ok', 'gone']);
    // Gone is reported once, however long the silence lasts.
    clock.advance(300_000);
    expect(onBus.map((s) => s.state)).toEqual(['ok', 'gone']);

    await h.call('page.heartbeat');
    expect(page().state).toBe('ok');
    expect(onBus.map((s) => s.state)).toEqual(['ok', 'gone', 'ok']);
  });

  it('a page that never beats after the daemon started is gone after 30 s', () => {
    const { clock, onBus, page } = start();
    clock.advance(29_999);
    expect(page().state).toBe('waiting');
    clock.advance(1);
    expect(page().state).toBe('gone');
    expect(page().lastHeartbeat).toBeUndefined();
    expect(onBus).toHaveLength(1);
  });
});

describe("the page heartbeat is not the resident's activity", () => {
  it('a held card is still wiped at the idle deadline while the page keeps beating', () => {
    const clock = manualClock(START);
    let held = true;
    const wiped: string[] = [];
    const wipe = new SessionWipe({
      wipeSession: () => {
        if (!held) return [];
        held = false;
        wiped.push('card');
        return ['card'];
      },
    });
    const { config, dir } = testConfig({ session: { idleTimeoutSeconds: 30, warningSeconds: 20 } });
    let session: ReturnType<typeof createSessionCapability> | undefined;
    const h = startHarness({
      config,
      dir,
      clock,
      sessionCard: { sessionCard: () => (held ? ({ identity: { kind: 'resident', name: 'x', idNumber: 'x' } } as never) : undefined) },
      capabilities: (ctx) => {
        session = createSessionCapability(ctx, wipe);
        return [session];
      },
    });
    try {
      // Page 1 read the card, then only its heartbeat comes (the resident walked away).
      session!.command(1, 'card.read');
      // The daemon's limit is idle timeout + warning + 5 s = 55 s; beats every 10 s for 70 s.
      for (let t = 0; t < 70_000; t += 10_000) {
        clock.advance(10_000);
        session!.command(1, 'page.heartbeat');
      }
      expect(wiped).toEqual(['card']);
    } finally {
      void h.stop();
    }
  });
});
