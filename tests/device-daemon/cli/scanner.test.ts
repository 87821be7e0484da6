import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatCaseNumber } from '../../../contract/domain/case-number';
import { ROOT, spawnDaemon, writeTestConfig } from '../../helpers/daemon';
import { hashPin } from '../../../device-daemon/config/pin-hash';
import { waitFor } from '../devices/scanner/helpers';

const run = promisify(execFile);
const CASE = formatCaseNumber({ terminalId: 'WD0001', date: '20250612', seq: 7 });
const URL = `https://zwfw.example.gov.cn/progress?case=${CASE}`;
const SYNTHETIC_ID = '410403195803120023';
const KIOSKCTL = join(ROOT, 'bin/kioskctl.js');

// kioskctl runs several times per test (a node start each): generous on a loaded 2-core machine.
describe('kioskctl scanner listen', { timeout: 60_000 }, () => {
  it('in-process on the simulated scanner: one line per code, case number found, personal shapes masked unless --reveal', async () => {
    const { stdout } = await run(process.execPath, [KIOSKCTL, 'scanner', 'listen', '--json', '--count', '2', '--sim-scan', URL, SYNTHETIC_ID], { cwd: ROOT, timeout: 30_000 });
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ caseNo: CASE, length: URL.length, text: URL });
    expect(lines[1]).toMatchObject({ caseNo: null, text: '4104**********0023' });
    // Unmasked is a technician action: with the PIN of a terminal that has its own (not the shipped demo PIN).
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-scan-reveal-'));
    const config = writeTestConfig(dir, { technician: { pinHash: hashPin('13572468') }, storage: { path: join(dir, 'kiosk.db') }, logging: { dir: join(dir, 'log') } });
    const reveal = (pin: string) => {
      const p = run(process.execPath, [KIOSKCTL, 'scanner', 'listen', '--count', '1', '--reveal', '--config', config, '--sim-scan', SYNTHETIC_ID], { cwd: ROOT, timeout: 30_000 });
      p.child.stdin!.end(`${pin}\n`);
      return p.catch((e: { code: number; stdout: string; stderr: string }) => e);
    };
    try {
      const refused = (await reveal('00000000')) as { code: number; stdout: string };
      expect(refused.code).toBe(4);
      expect(refused.stdout).toBe('');
      const revealed = await reveal('13572468');
      expect(revealed.stdout).toContain(SYNTHETIC_ID);
      expect(revealed.stdout).toMatch(/code\s+18 chars\s+no case number/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--daemon: arms the running daemon, prints the code scanned there, disarms on exit', async () => {
    const d = await spawnDaemon();
    try {
      const cfg = JSON.parse(readFileSync(d.configPath, 'utf8'));
      cfg.server.port = d.port;
      const cfgFile = join(d.dataDir, 'cli.config.json');
      writeFileSync(cfgFile, JSON.stringify(cfg));
      const cli = spawn(process.execPath, [KIOSKCTL, 'scanner', 'listen', '--daemon', '--json', '--count', '1', '-c', cfgFile], { cwd: ROOT });
      let out = '';
      let err = '';
      cli.stdout.on('data', (c: Buffer) => (out += c.toString()));
      cli.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const exited = new Promise<number | null>((r) => cli.once('exit', (code) => r(code)));
      await waitFor(() => err.includes('listening through the daemon'), 20_000, `the CLI to listen (stderr: ${err})`);
      // The arm command was sent just before that line; the daemon says when it took effect.
      await waitFor(() => readFileSync(join(d.dataDir, 'log', 'daemon.log'), 'utf8').includes('scanner armed'), 10_000, 'armed');
      const r = await fetch(`${d.url}sim/scanner/scan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ param: URL }) });
      expect(r.status).toBe(200);
      expect(await exited).toBe(0);
      expect(JSON.parse(out.trim())).toMatchObject({ caseNo: CASE, text: URL });
      const health = (await (await fetch(`${d.url}health`)).json()) as { scanner: { armed: unknown; delivered: number } };
      expect(health.scanner).toMatchObject({ armed: null, delivered: 1 });
    } finally {
      await d.stop();
    }
  });
});
