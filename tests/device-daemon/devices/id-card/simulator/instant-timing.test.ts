import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, useDaemon } from '../../../../helpers/daemon';

/**
 * The simulated reader with no module processing time (`timing: "instant"`)
 * polls back to back with nothing but wire time between commands; the daemon
 * around it must keep serving its timers, HTTP and signals while it does.
 */
describe('a daemon whose simulated reader answers instantly', () => {
  const rig = useDaemon({ beforeAll, afterAll }, { config: { devices: { idCardReader: { simulator: { timing: 'instant' } } } } });

  it('keeps its event loop while polling for a card: the read ends without a card, a card inserted meanwhile is read, SIGTERM ends it', async () => {
    const empty = await call(rig.ws(), 'card.read', { timeoutMs: 1000 });
    expect(empty).toMatchObject({ ok: false, error: { code: 'noCard' } });

    const waiting = call(rig.ws(), 'card.read', { timeoutMs: 10_000 });
    expect((await rig.daemon().sim('idCardReader', 'insertCard')).status).toBe(200);
    expect(await waiting).toMatchObject({ ok: true, result: { kind: 'resident' } });

    const exited = await Promise.race([rig.daemon().stop('SIGTERM'), new Promise((r) => setTimeout(() => r('still running 5 s after SIGTERM'), 5000))]);
    if (exited !== 0) await rig.daemon().stop('SIGKILL');
    expect(exited).toBe(0);
  }, 30_000);
});
