import { describe, expect, it } from 'vitest';
import { serviceManagerEnv } from '../../../device-daemon/service-manager/notify';
import { startWatchdog } from '../../../device-daemon/service-manager/watchdog';
import { manualClock } from '../capabilities/harness';

function rig(health: { delay: number; store: boolean }) {
  const clock = manualClock(0);
  const fed: number[] = [];
  const starved: string[] = [];
  const stop = startWatchdog({
    clock,
    watchdogMs: 30_000,
    health: { loopDelayMs: () => health.delay, storeAnswers: () => health.store },
    feed: () => fed.push(clock.now()),
    starved: (why) => starved.push(why),
  });
  return { clock, fed, starved, stop };
}

describe('the systemd watchdog is fed only while the daemon is healthy', () => {
  it('feeds three times per WatchdogSec while the loop keeps time and the store answers', () => {
    const { clock, fed, starved } = rig({ delay: 5, store: true });
    clock.advance(30_000);
    expect(fed).toEqual([10_000, 20_000, 30_000]);
    expect(starved).toEqual([]);
  });

  it('stops feeding while the event loop is blocked for a check interval or more, and resumes after', () => {
    const health = { delay: 10_000, store: true };
    const { clock, fed, starved } = rig(health);
    clock.advance(30_000);
    expect(fed).toEqual([]);
    expect(starved[0]).toMatch(/event loop blocked for 10000 ms/);
    health.delay = 3;
    clock.advance(10_000);
    expect(fed).toEqual([40_000]);
  });

  it('stops feeding while the store does not answer, so systemd restarts the daemon', () => {
    const { clock, fed, starved } = rig({ delay: 1, store: false });
    clock.advance(60_000);
    expect(fed).toEqual([]);
    expect(starved).toHaveLength(6);
    expect(starved[0]).toBe('the store does not answer');
  });

  it('stops when told (shutdown)', () => {
    const { clock, fed, stop } = rig({ delay: 1, store: true });
    clock.advance(10_000);
    stop();
    clock.advance(60_000);
    expect(fed).toEqual([10_000]);
  });
});

describe("systemd's environment", () => {
  it('notifies only under NOTIFY_SOCKET, and runs a watchdog only for its own pid', () => {
    expect(serviceManagerEnv({}, 42)).toEqual({ notify: false });
    expect(serviceManagerEnv({ NOTIFY_SOCKET: '/run/systemd/notify' }, 42)).toEqual({ notify: true, watchdogMs: undefined });
    expect(serviceManagerEnv({ NOTIFY_SOCKET: '/run/systemd/notify', WATCHDOG_USEC: '30000000' }, 42)).toEqual({ notify: true, watchdogMs: 30_000 });
    expect(serviceManagerEnv({ NOTIFY_SOCKET: '/run/systemd/notify', WATCHDOG_USEC: '30000000', WATCHDOG_PID: '7' }, 42)).toEqual({ notify: true, watchdogMs: undefined });
  });
});
