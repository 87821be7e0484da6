import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRawConfig, saveConfig } from '../../../device-daemon/config/save-config';

const SHIPPED = resolve(__dirname, '../../../kiosk.config.json');

function scratchConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-save-'));
  const file = join(dir, 'kiosk.config.json');
  copyFileSync(SHIPPED, file);
  chmodSync(file, 0o640);
  return file;
}

describe('saveConfig', () => {
  it('writes nothing and names each field when the new config is invalid', () => {
    const file = scratchConfig();
    const before = readFileSync(file, 'utf8');
    const raw = readRawConfig(file);
    const result = saveConfig(file, { ...raw, session: { idleTimeoutSeconds: 'soon' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.some((p) => p.startsWith('session.'))).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(join(file, '..')).sort()).toEqual(['kiosk.config.json']);
  });

  it('replaces the file, keeps the previous one as .bak and never adds group or world write', () => {
    const file = scratchConfig();
    chmodSync(file, 0o664);
    const before = readFileSync(file, 'utf8');
    const raw = readRawConfig(file);
    const result = saveConfig(file, { ...raw, terminalId: 'WD0002' });
    expect(result.ok).toBe(true);
    expect(readRawConfig(file).terminalId).toBe('WD0002');
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(before);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(readdirSync(join(file, '..')).sort()).toEqual(['kiosk.config.json', 'kiosk.config.json.bak']);
  });

  // A crash at any step leaves the old file or the new one, whole: the process kills itself (SIGKILL, nothing
  // flushed or cleaned up) right after each step of the durable write.
  it.each(['tempWritten', 'previousKept', 'renamed'] as const)('a kill -9 after %s leaves the old or the new config, never half', (step) => {
    const file = scratchConfig();
    const before = readFileSync(file, 'utf8');
    const script = `
      const { readRawConfig, saveConfig } = require(${JSON.stringify(resolve(__dirname, '../../../device-daemon/config/save-config.ts'))});
      const file = ${JSON.stringify(file)};
      saveConfig(file, { ...readRawConfig(file), terminalId: 'WD0003' }, {
        afterStep: (s) => { if (s === ${JSON.stringify(step)}) process.kill(process.pid, 'SIGKILL'); },
      });`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.signal).toBe('SIGKILL');
    const after = readFileSync(file, 'utf8');
    const id = (JSON.parse(after) as { terminalId: string }).terminalId;
    if (step === 'renamed') expect(id).toBe('WD0003');
    else expect(after).toBe(before);
    // The daemon's own validation accepts what is left.
    expect(() => execFileSync(process.execPath, ['bin/kioskctl.js', 'config', 'check', file], { cwd: resolve(__dirname, '../../..') })).not.toThrow();
  });
});
