import { describe, expect, it } from 'vitest';
import { shippedEnvironment, shippedNodeFlags } from '../../../scripts/soak/service-flags';

describe('the soak runs the daemon with the terminal unit’s node flags', () => {
  it('reads them from the shipped unit', () => {
    const flags = shippedNodeFlags();
    expect(flags).toContain('--max-semi-space-size=1');
    expect(flags).toContain('--no-sparkplug');
    expect(flags).not.toContain('--enable-source-maps');
    expect(flags.some((f) => f.endsWith('.js'))).toBe(false);
  });

  it('takes only the words between node and the entry', () => {
    expect(shippedNodeFlags('[Service]\nExecStart=/usr/bin/node --a --b=2 /opt/x/dist/daemon.js --quiet\n')).toEqual(['--a', '--b=2']);
    expect(shippedNodeFlags('ExecStart=/usr/bin/node /opt/x/dist/daemon.js\n')).toEqual([]);
  });

  it('refuses a unit that does not run node on the daemon', () => {
    expect(() => shippedNodeFlags('[Service]\n')).toThrow(/no ExecStart/);
    expect(() => shippedNodeFlags('ExecStart=/usr/bin/python3 daemon.py\n')).toThrow(/does not run node/);
  });

  it('takes the unit’s environment but the config path (the soak writes its own)', () => {
    // Fixed malloc thresholds keep freed large blocks from staying resident as holes in the heap (README, Soak).
    expect(shippedEnvironment()).toMatchObject({ NODE_ENV: 'production', MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '65536', MALLOC_TRIM_THRESHOLD_: '65536' });
    expect(shippedEnvironment()).not.toHaveProperty('KIOSK_CONFIG');
  });
});
