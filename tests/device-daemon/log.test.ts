import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDaemonLog, createLogger } from '../../device-daemon/log';
import { call, spawnDaemon, type SpawnedDaemon } from '../helpers/daemon';
import { mountSmallFs, type SmallFs, smallFsUnavailable } from '../helpers/small-fs';
import { waitUntil } from '../helpers/wait';

const readLog = (dir: string) => (existsSync(join(dir, 'daemon.log')) ? readFileSync(join(dir, 'daemon.log'), 'utf8') : '');

// The logger masks personal data at any depth, whatever key or string it hides in.
describe('log redaction (second line of defence)', () => {
  it('masks personal keys and ID / permit / mobile numbers at any depth and in free text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-log-'));
    const log = createLogger({ level: 'info', dir, quiet: true });
    const person = {
      name: '林晓禾',
      idNumber: '410403195803120023',
      address: '河南省平顶山市卫东区示例路12号院3号楼2单元501',
      appendedAddress: '卫东区样例路9号',
      passNumber: 'H90000001',
      previousNumberLink: '410403580312002',
      callbackPhone: '13912345678',
      contactPhone: '13800138000',
    };
    log.info({ deep: { a: { b: { c: { d: person } } } }, list: [person], note: `read 410403195803120023, old 410403580312002, permit H90000001, call 13912345678` }, 'probe');
    // the message text, printf arguments, an error's message and stack, a child logger's bindings
    log.info(`card read for 410403195803120023 (${person.callbackPhone})`);
    log.warn('retry for %s', person.passNumber);
    log.error({ err: new Error(`platform refused 410403580312002 / 13800138000`) }, 'delivery failed');
    log.child({ ctx: { a: { b: { c: { person } } } } }).info('child probe');
    // written asynchronously: the last line on disk means all are
    const text = await waitUntil(() => readLog(dir).includes('child probe') && readLog(dir), { what: 'the log lines on disk' });
    // errors keep what a technician needs (type and masked message), not {}
    const errLine = JSON.parse(text.split('\n').find((l) => l.includes('delivery failed'))!);
    expect(errLine.err).toMatchObject({ type: 'Error', message: expect.stringContaining('platform refused') });
    expect(text).toContain('probe');
    for (const secret of ['林晓禾', '410403195803120023', '示例路12号', '样例路9号', 'H90000001', '410403580312002', '13912345678', '13800138000']) {
      expect(text.includes(secret), secret).toBe(false);
    }
    expect(text).toContain('4104**********0023');
  });
});

describe('log file: rotated by size, capped, owner-only', () => {
  it('never holds more than maxTotalBytes in its files, the newest lines in daemon.log', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kiosk-log-')), 'log');
    const cap = 256 * 1024;
    const d = createDaemonLog({ level: 'info', dir, quiet: true, maxTotalBytes: cap, files: 4 });
    const pad = 'x'.repeat(200);
    for (let i = 0; i < 10_000; i++) {
      d.log.info({ i, pad }, 'line');
      if (i % 500 === 0) await d.settle();
    }
    d.log.info('last line');
    // the newest lines are in daemon.log (or daemon.log.1 when that line itself filled the file)
    const newest = () => `${existsSync(join(dir, 'daemon.log.1')) ? readFileSync(join(dir, 'daemon.log.1'), 'utf8') : ''}${readLog(dir)}`;
    await waitUntil(() => newest().includes('last line'), { what: 'the last line' });
    await d.settle();
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['daemon.log', 'daemon.log.1', 'daemon.log.2', 'daemon.log.3']);
    const total = files.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    expect(total).toBeLessThanOrEqual(cap);
    expect(total).toBeGreaterThan(cap / 2);
    for (const f of files) expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(d.health()).toMatchObject({ state: 'ok', droppedLines: 0 });
    d.close();
  });
});

/** A log dir whose disk is full: a real full tmpfs where this machine can mount one (root), else daemon.log → /dev/full (every write ENOSPC). */
function fullLogDir(fs: SmallFs | undefined): string {
  if (fs) {
    const dir = join(fs.dir, 'log');
    mkdirSync(dir);
    fs.fill();
    return dir;
  }
  const dir = join(mkdtempSync(join(tmpdir(), 'kiosk-log-')), 'log');
  mkdirSync(dir);
  symlinkSync('/dev/full', join(dir, 'daemon.log'));
  return dir;
}

const noMount = smallFsUnavailable();

describe(`log on a full disk (${noMount ? `daemon.log → /dev/full: ${noMount}` : 'a full tmpfs'})`, () => {
  it('logging never throws; the log says degraded (ENOSPC), drops lines, and recovers by itself once there is space', async () => {
    // larger than the lines held in memory (1 MiB), so they all fit once the filler is gone
    const fs = noMount ? undefined : (mountSmallFs(4096) as SmallFs);
    try {
      const dir = fullLogDir(fs);
      const d = createDaemonLog({ level: 'info', dir, quiet: true });
      for (let i = 0; i < 20_000; i++) d.log.info({ i, pad: 'y'.repeat(100) }, 'while full');
      const h = await waitUntil(() => d.health().state === 'degraded' && d.health(), { what: 'log degraded' });
      expect(h).toMatchObject({ state: 'degraded', problem: 'ENOSPC', reason: expect.stringContaining('cannot be written') });
      await waitUntil(() => d.health().droppedLines > 0, { what: 'lines dropped past the bounded buffer' });
      if (fs) {
        fs.free();
        // the held lines go out with the next write (or the retry timer's): ok again, nothing thrown meanwhile
        d.log.info('space freed');
        await waitUntil(() => d.health().state === 'ok', { what: 'log ok again', timeoutMs: 10_000 });
        d.log.info('space again');
        await waitUntil(() => readLog(dir).includes('space again'), { what: 'a line after recovery' });
      }
      d.close();
    } finally {
      fs?.dispose();
    }
  });
});

describe.skipIf(noMount)(`daemon on a full disk (db and logs on one small tmpfs)${noMount ? `: skipped, ${noMount}` : ''}`, () => {
  it('keeps answering when the disk fills, says so in /health, and starts again on the still-full disk', async () => {
    const fs = mountSmallFs(16 * 1024) as SmallFs;
    const daemons: SpawnedDaemon[] = [];
    try {
      const first = await spawnDaemon({ dataDir: fs.dir });
      daemons.push(first);
      const ws = await first.connect();
      fs.fill();
      // a resident keeps using the terminal while devices change (each change is logged): every command is answered
      for (let i = 0; i < 20; i++) {
        expect((await first.sim('printer', i % 2 ? 'paperLoad' : 'paperOut')).ok).toBe(true);
        expect((await call(ws, 'system.ping')).ok).toBe(true);
      }
      expect((await call(ws, 'catalog.get', {})).ok).toBe(true);
      const h = await waitUntil(
        async () => {
          const j = await (await fetch(`${first.url}health`)).json();
          return j.log.state === 'degraded' && j;
        },
        { what: '/health log degraded', timeoutMs: 10_000 },
      );
      expect(h.status).toBe('degraded');
      expect(h.log).toMatchObject({ state: 'degraded', problem: 'ENOSPC' });
      expect(first.stderr()).toContain('LOG DEGRADED');
      expect(first.proc.exitCode).toBeNull();
      ws.close();
      await first.stop();
      // restart on the still-full disk: it starts and serves
      const second = await spawnDaemon({ dataDir: fs.dir });
      daemons.push(second);
      const ws2 = await second.connect();
      expect((await call(ws2, 'system.status')).ok).toBe(true);
      expect((await (await fetch(`${second.url}health`)).json()).status).toBe('degraded');
      ws2.close();
    } finally {
      for (const d of daemons) await d.stop();
      fs.dispose();
    }
  }, 60_000);
});
