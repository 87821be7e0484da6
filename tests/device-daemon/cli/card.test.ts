import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { call, ROOT, spawnDaemon, type SpawnedDaemon, writeTestConfig } from '../../helpers/daemon';
import { DEMO_PIN } from '../../../device-daemon/auth/technician-auth';
import { hashPin } from '../../../device-daemon/config/pin-hash';
import { buildResponse, toHex } from '../../../device-daemon/devices/id-card/codec/sam-frame';
import { buildReadBase } from '../../../device-daemon/devices/id-card/codec/read-base';
import { encodeCardText } from '../../../device-daemon/devices/id-card/codec/card-text';
import { simCard } from '../../../device-daemon/devices/id-card/simulator/sim-cards';
import { AuditStore } from '../../../device-daemon/store/audit';
import { openStoreFile } from '../../../device-daemon/store/db';

const run = promisify(execFile);
const PIN = '13572468';
const HASH = hashPin(PIN);
const DEMO_HASH = hashPin(DEMO_PIN);

/**
 * The simulated reader without the module's processing times (~1 s per read): these tests are about what
 * kioskctl prints and gates, not how long a SAM takes; the reader's timing is tested in tests/device-daemon/devices/id-card.
 */
const INSTANT_READER = { idCardReader: { simulator: { timing: 'instant' } } };

/** A terminal config of its own (store, technician state and log in a temp dir) with this technician PIN. */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function terminalWithPin(technician: { pinHash?: string; demoMode?: boolean } = {}): { config: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-cli-tech-'));
  dirs.push(dir);
  const config = writeTestConfig(dir, { technician: { pinHash: HASH, ...technician }, devices: INSTANT_READER, storage: { path: join(dir, 'kiosk.db') }, logging: { dir: join(dir, 'log') } });
  return { config, dir };
}
async function kioskctl(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = run(process.execPath, [join(ROOT, 'bin/kioskctl.js'), ...args], { cwd: ROOT, timeout: 30_000 });
  if (input !== undefined) {
    p.child.stdin!.end(input);
  }
  try {
    const { stdout, stderr } = await p;
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const frameOf = (id: string) => {
  const c = simCard(id);
  return toHex(buildResponse(0x90, buildReadBase(encodeCardText(c.record), c.wlt)), '');
};

describe('kioskctl card', () => {
  it('decode: a read reply (argument) → JSON with the stable field names', async () => {
    const r = await kioskctl(['card', 'decode', frameOf('resident-valid')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      kind: 'resident',
      name: '林晓禾',
      sex: '女',
      sexCode: '2',
      nation: '汉族',
      nationCode: '01',
      birthDate: '1958-03-12',
      address: '河南省平顶山市卫东区示例路12号院3号楼2单元501',
      idNumber: '410403195803120023',
      issuer: '平顶山市公安局卫东分局',
      validFrom: '2016-05-20',
      validTo: 'long-term',
      checkDigitOk: true,
    });
  });

  it('decode: from stdin; a foreign card has englishName and nationality', async () => {
    const r = await kioskctl(['card', 'decode'], frameOf('foreign-2023'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'foreignPermanent', englishName: 'SCHMIDT-WEBER, ANNA KATHARINA MARIA SAMPLE', nationality: 'DEU', idNumber: '934110199003150022' });
  });

  it('decode: invalid input exits non-zero with the typed error', async () => {
    const bad = await kioskctl(['card', 'decode', 'AA AA AA 96 69 00 04 00 00 90 95']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr.trim())).toEqual({ error: { kind: 'badChecksum', message: expect.any(String) } });
    const notRead = await kioskctl(['card', 'decode', 'AA AA AA 96 69 00 04 00 00 41 45']);
    expect(notRead.code).toBe(2);
    expect(notRead.stderr).toContain('0x41');
    const strict = await kioskctl(['card', 'decode', '--strict', frameOf('resident-badcheck')]);
    expect(strict.code).toBe(3);
    expect(JSON.parse(strict.stdout).checkDigitOk).toBe(false);
  });

  it('read: the simulated reader in-process, masked; --reveal only with the technician PIN', async () => {
    const { config } = terminalWithPin();
    const r = await kioskctl(['card', 'read', '--card', 'hk-permit', '--config', config]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ kind: 'hkMacaoTaiwan', name: '陈**', idNumber: '8100**********0030', photo: 'notDecoded', expired: false });
    expect(r.stdout).not.toContain('810000199208080030');
    const revealed = await kioskctl(['card', 'read', '--card', 'hk-permit', '--reveal', '--config', config], `${PIN}\n`);
    expect(revealed.code, revealed.stderr).toBe(0);
    expect(JSON.parse(revealed.stdout).idNumber).toBe('810000199208080030');
    expect(revealed.stderr).toContain('Technician PIN:');
    expect(revealed.stderr).not.toContain(PIN);
  });
});

// Each test runs kioskctl up to six times (a node start and an scrypt each): generous on a loaded 2-core machine.
describe('kioskctl card read --reveal is a technician action', { timeout: 60_000 }, () => {
  const ID = '810000199208080030';
  const reveal = (config: string, input: string) => kioskctl(['card', 'read', '--card', 'hk-permit', '--reveal', '--config', config], input);
  const refusal = (r: { stderr: string }) => JSON.parse(r.stderr.split('\n').find((l) => l.startsWith('{'))!).error as { kind: string; message: string };

  it('refused without the PIN or with a wrong one: nothing is read, nothing unmasked, exit 4', async () => {
    const { config } = terminalWithPin();
    for (const [input, kind] of [
      ['', 'pinRequired'],
      ['\n', 'pinRequired'],
      ['13572460\n', 'pinInvalid'],
    ] as const) {
      const r = await reveal(config, input);
      expect(r.code, input).toBe(4);
      expect(r.stdout).toBe('');
      expect(refusal(r).kind).toBe(kind);
      expect(r.stderr).not.toContain(ID);
    }
  });

  it('after 5 wrong PINs (5 separate runs) even the right PIN is refused until the lockout ends', async () => {
    const { config, dir } = terminalWithPin();
    for (let i = 0; i < 5; i++) expect(refusal(await reveal(config, '11111111\n')).kind).toBe('pinInvalid');
    const locked = await reveal(config, `${PIN}\n`);
    expect(locked.code).toBe(4);
    expect(refusal(locked)).toMatchObject({ kind: 'locked', message: expect.stringContaining('locked until') });
    expect(locked.stdout).toBe('');
    // Every try is in the log, none with the PIN.
    const log = readFileSync(join(dir, 'log', 'daemon.log'), 'utf8');
    expect(log.match(/"event":"technician.auth"/g)).toHaveLength(6);
    expect(log).not.toContain(PIN);
    expect(log).not.toContain('11111111');
  });

  it('the shipped demo PIN opens nothing unless the config marks a demo terminal; then it opens with a warning', async () => {
    const service = terminalWithPin({ pinHash: DEMO_HASH });
    const refused = await reveal(service.config, `${DEMO_PIN}\n`);
    expect(refused.code).toBe(4);
    expect(refusal(refused)).toMatchObject({ kind: 'demoPin', message: expect.stringContaining('kioskctl config pin set') });
    const demo = terminalWithPin({ pinHash: DEMO_HASH, demoMode: true });
    const opened = await reveal(demo.config, `${DEMO_PIN}\n`);
    expect(opened.code, opened.stderr).toBe(0);
    expect(JSON.parse(opened.stdout).idNumber).toBe(ID);
    expect(opened.stderr).toMatch(/WARNING: the shipped demo technician PIN is in use/);
  });
});

// Beside a running daemon the reader's port is the daemon's: kioskctl asks it to read (PIN), between residents only.
describe('kioskctl card read through the running daemon', { timeout: 60_000 }, () => {
  const ID = '810000199208080030';
  let d: SpawnedDaemon | undefined;
  afterAll(async () => {
    await d?.stop();
  });

  it('reads on the daemon’s simulated reader, masked; --reveal is audited; refused while a resident’s session holds a card', async () => {
    d = await spawnDaemon({ config: { technician: { pinHash: HASH }, devices: INSTANT_READER } });
    const read = (...more: string[]) => kioskctl(['card', 'read', '--config', d!.configPath, '--port', String(d!.port), ...more], `${PIN}\n`);
    // The reader reads a card once per placing (a read card is wiped, not read again): placed anew before each read.
    const place = async () => {
      await d!.sim('idCardReader', 'removeCard');
      expect((await d!.sim('idCardReader', 'insertCard', 'hk-permit')).ok).toBe(true);
    };
    await place();
    const masked = await read();
    expect(masked.code, masked.stderr).toBe(0);
    expect(JSON.parse(masked.stdout)).toMatchObject({ via: 'daemon', kind: 'hkMacaoTaiwan', name: '陈**', idNumber: '8100**********0030', expired: false });
    expect(masked.stdout).not.toContain(ID);

    await place();
    const revealed = await read('--reveal');
    expect(revealed.code, revealed.stderr).toBe(0);
    expect(JSON.parse(revealed.stdout)).toMatchObject({ via: 'daemon', idNumber: ID });
    // The reveal is in the daemon's audit trail (its store read here, read-only, as kioskctl audit reads it).
    const store = openStoreFile(join(d.dataDir, 'kiosk.db'), { readonly: true });
    if (!store.ok) throw new Error(store.message);
    expect(new AuditStore(store.db).list(10).map((e) => e.action)).toContain('maintenance.cardRevealed');
    store.db.close();

    // A resident's page read the card: the technician's read is refused, the resident's card untouched.
    await place();
    const ws = await d.connect();
    expect((await call(ws, 'card.read', { timeoutMs: 5000 })).ok).toBe(true);
    const refused = await read();
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stderr.trim().split('\n').at(-1)!).error).toMatchObject({ kind: 'busy', message: expect.stringContaining("a resident's session holds a card") });
    ws.close();
  });
});
