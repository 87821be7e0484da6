import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../device-daemon/log';

// The logger masks personal data at any depth, whatever key or string it hides in.
describe('log redaction (second line of defence)', () => {
  it('masks personal keys and ID / permit / mobile numbers at any depth and in free text', () => {
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
    log.flush?.();
    const text = readFileSync(join(dir, 'daemon.log'), 'utf8');
    // errors keep what a technician needs (type and masked message), not {}
    const errLine = JSON.parse(text.split('\n').find((l) => l.includes('delivery failed'))!);
    expect(errLine.err).toMatchObject({ type: 'Error', message: expect.stringContaining('platform refused') });
    expect(text).toContain('child probe');
    expect(text).toContain('probe');
    for (const secret of ['林晓禾', '410403195803120023', '示例路12号', '样例路9号', 'H90000001', '410403580312002', '13912345678', '13800138000']) {
      expect(text.includes(secret), secret).toBe(false);
    }
    expect(text).toContain('4104**********0023');
  });
});
