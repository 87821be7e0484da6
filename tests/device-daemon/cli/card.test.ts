import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/daemon';
import { buildResponse, toHex } from '../../../device-daemon/devices/id-card/codec/sam-frame';
import { buildReadBase } from '../../../device-daemon/devices/id-card/codec/read-base';
import { encodeCardText } from '../../../device-daemon/devices/id-card/codec/card-text';
import { simCard } from '../../../device-daemon/devices/id-card/simulator/sim-cards';

const run = promisify(execFile);
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

  it('read: the simulated reader in-process, masked unless --reveal', async () => {
    const r = await kioskctl(['card', 'read', '--card', 'hk-permit']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ kind: 'hkMacaoTaiwan', name: '陈**', idNumber: '8100**********0030', photo: 'notDecoded', expired: false });
    expect(r.stdout).not.toContain('810000199208080030');
    const revealed = JSON.parse((await kioskctl(['card', 'read', '--card', 'hk-permit', '--reveal'])).stdout);
    expect(revealed.idNumber).toBe('810000199208080030');
  });
});
