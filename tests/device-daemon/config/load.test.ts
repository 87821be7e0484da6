import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../device-daemon/config/load';
import { spawnDaemon, writeTestConfig } from '../../helpers/daemon';
import { kioskctl } from '../../helpers/kioskctl';

// A config file others can write decides the technician PIN, where
// submissions go and which URLs are printed into QR codes: refused.

function configWithMode(mode: number): string {
  const file = writeTestConfig(mkdtempSync(join(tmpdir(), 'kiosk-cfg-')));
  chmodSync(file, mode);
  return file;
}

describe('config file permissions', () => {
  it('an owner-only or read-only-for-others file loads', () => {
    expect(loadConfig(configWithMode(0o600)).terminalId).toBe('WD0001');
    expect(loadConfig(configWithMode(0o644)).terminalId).toBe('WD0001');
  });

  it('a file writable by the group or by anyone is refused with the fix', () => {
    for (const mode of [0o666, 0o664, 0o646]) {
      const file = configWithMode(mode);
      let err: unknown;
      try {
        loadConfig(file);
      } catch (e) {
        err = e;
      }
      expect(err, mode.toString(8)).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems[0]).toContain(`chmod go-w ${file}`);
    }
  });

  it('the daemon does not start on a world-writable config (exit 2, the reason on stderr); kioskctl config check says the same', async () => {
    const file = configWithMode(0o666);
    const started = await spawnDaemon({ configPath: file }).then(
      async (d) => {
        await d.stop();
        return 'started';
      },
      (err: Error) => err.message,
    );
    expect(started).toMatch(/exited with 2 before listening[\s\S]*writable by anyone \(mode 666\)/);
    const check = await kioskctl('config', 'check', file);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('chmod go-w');
  });
});
