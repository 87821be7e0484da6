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

  it("a holder's certificate may carry that holder's full name and ID number, and nothing else personal", () => {
    const note = '本证明应持证人本人要求打印，载有本人完整姓名和证件号码，';
    const certificate = (lines: string[]) => [{ lines: ['参保证明', ...lines, note], qr: [] }];
    expect(auditPrinted(certificate(['姓名        林晓禾', '证件号码    410403195803120023']), secrets, 'printed')).toEqual([]);
    // the address of the holder, or anyone else's name, is still found
    expect(auditPrinted(certificate(['姓名        林晓禾', '证件号码    410403195803120023', '地址 河南省平顶山市卫东区演示街道样例社区8号', '石磊']), secrets, 'p').map((f) => f.secret)).toContain(
      '石磊',
    );
    // a name and number of two different people are not a holder
    expect(
      auditPrinted(certificate(['姓名        石磊', '证件号码    410403195803120023']), secrets, 'p')
        .map((f) => f.secret)
        .sort(),
    ).toEqual(['410403195803120023', '石磊']);
    // without the certificate's note, the same page is a finding
    expect(auditPrinted([{ lines: ['姓名        林晓禾', '证件号码    410403195803120023'], qr: [] }], secrets, 'p')).toHaveLength(2);
  });
});
