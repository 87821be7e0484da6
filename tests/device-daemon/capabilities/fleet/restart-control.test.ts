import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CapabilityContext } from '../../../../device-daemon/capability';
import { restartControl } from '../../../../device-daemon/capabilities/fleet/restart-control';
import { RpcError } from '../../../../device-daemon/fleet/rpc-dispatch';

// Only what restartControl touches of the context: the log and the bus (audit).
function context() {
  const audits: unknown[] = [];
  const ctx = { log: { warn: () => {} }, bus: { emit: (name: string, e: unknown) => name === 'audit' && audits.push(e) } } as unknown as CapabilityContext;
  return { ctx, audits };
}

describe("the platform's restartDaemon", () => {
  afterEach(() => vi.useRealTimers());

  it('under a supervisor: answers first, audits, then stops the daemon cleanly', () => {
    vi.useFakeTimers();
    const { ctx, audits } = context();
    const stop = vi.fn();
    const control = restartControl(ctx, { stop, supervised: true })!;
    expect(control.restartDaemon()).toEqual({ restarting: true });
    expect(audits).toEqual([{ action: 'fleet.restartDaemon', detail: {} }]);
    expect(stop).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('without a supervisor it refuses (the daemon would stay stopped), and a daemon that cannot stop itself offers no control', () => {
    const { ctx, audits } = context();
    const stop = vi.fn();
    expect(() => restartControl(ctx, { stop, supervised: false })!.restartDaemon()).toThrow(RpcError);
    expect(stop).not.toHaveBeenCalled();
    expect(audits).toEqual([]);
    expect(restartControl(ctx, undefined)).toBeUndefined();
  });
});
