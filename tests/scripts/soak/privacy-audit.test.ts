import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditFiles, auditPrinted, secretsIn, secretsOf } from '../../../scripts/soak/privacy-audit';

const secrets = secretsOf(new Set(['13900000042']));
const dir = mkdtempSync(join(tmpdir(), 'kiosk-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('soak privacy audit', () => {
  it('finds a synthetic name, ID number and typed phone in UTF-8 and UTF-16 (Chromium storage), not their masked forms', () => {
    expect(secretsIn(Buffer.from('{"name":"林晓禾","phone":"13900000042"}'), secrets).sort()).toEqual(['13900000042', '林晓禾']);
    expect(secretsIn(Buffer.from('x 410403195803120023 y', 'utf16le'), secrets)).toEqual(['410403195803120023']);
    expect(secretsIn(Buffer.from('林** 4104**********0023 139****0042 13900000043'), secrets)).toEqual([]);
    expect(secretsIn(Buffer.from('13900000042'), secrets, new Set(['13900000042']))).toEqual([]);
  });

  it('reports where: a file under a directory, a printed page', () => {
    writeFileSync(join(dir, 'daemon.log'), '{"msg":"x","phone":"13900000042"}\n');
    expect(auditFiles(dir, secrets, 'log')).toEqual([{ where: 'log:daemon.log', secret: '13900000042' }]);
    expect(auditPrinted([{ lines: ['申请人 石磊'], qr: [] }], secrets, 'printed')).toEqual([{ where: 'printed#0', secret: '石磊' }]);
  });
});
