import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kioskctlWithInput as kioskctl } from '../../helpers/kioskctl';
import { loadConfig } from '../../../device-daemon/config/load';
import { verifyPin } from '../../../device-daemon/config/pin-hash';
import { matchStaffCard } from '../../../device-daemon/auth/staff-card';
import { writeTestConfig } from '../../helpers/daemon';

// kioskctl staff add | list | pin | remove: PINs asked twice, only hashes in the file.
const dir = mkdtempSync(join(tmpdir(), 'kiosk-staffcli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kioskctl staff', () => {
  it('adds an account with the hash of a PIN typed twice, lists it without the hash, changes its PIN, removes it', async () => {
    const file = writeTestConfig(dir);
    const c = ['--config', file];
    expect((await kioskctl(['staff', 'add', 'S001', '测试员甲', '--role', 'supervisor', ...c], '135790\n135790\n')).code).toBe(0);
    const added = loadConfig(file).staff.accounts[0]!;
    expect(added).toMatchObject({ staffNo: 'S001', name: '测试员甲', role: 'supervisor' });
    expect(verifyPin('135790', added.pinHash)).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('135790');
    const listed = await kioskctl(['staff', 'list', ...c]);
    expect(listed.stdout).toBe('S001\tsupervisor\t测试员甲\n');
    // a mistyped second PIN changes nothing
    const text = readFileSync(file, 'utf8');
    expect((await kioskctl(['staff', 'pin', 'S001', ...c], '111111\n222222\n')).code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect((await kioskctl(['staff', 'pin', 'S001', ...c], '246801\n246801\n')).code).toBe(0);
    expect(verifyPin('246801', loadConfig(file).staff.accounts[0]!.pinHash)).toBe(true);
    // the staff member's own card: its number typed twice, only a salted hash kept
    const card = '41040320010115007X';
    expect((await kioskctl(['staff', 'card', 'S001', ...c], `${card}\n${card.toLowerCase()}\n`)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain(card);
    expect((await matchStaffCard(card, loadConfig(file).staff.accounts))?.staffNo).toBe('S001');
    expect((await kioskctl(['staff', 'list', ...c])).stdout).toBe('S001\tsupervisor\t测试员甲\tcard\n');
    expect((await kioskctl(['staff', 'add', 'S001', '重复', ...c], '135790\n135790\n')).code).toBe(2);
    expect((await kioskctl(['staff', 'remove', 'S001', ...c])).code).toBe(0);
    expect(loadConfig(file).staff.accounts).toEqual([]);
  }, 120_000);
});
