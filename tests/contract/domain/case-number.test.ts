import { describe, expect, it } from 'vitest';
import { formatCaseNumber, mod3736Check, parseCaseNumber } from '../../../contract/domain/case-number';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('case numbers', () => {
  it('formats terminal, date, sequence and check character, and parses back', () => {
    const caseNo = formatCaseNumber({ terminalId: 'WD0001', date: '20250612', seq: 42 });
    expect(caseNo).toMatch(/^WD0001-20250612-00042-[0-9A-Z]$/);
    const p = parseCaseNumber(caseNo);
    expect(p).toEqual({ ok: true, caseNo, parts: { terminalId: 'WD0001', date: '20250612', seq: 42 } });
    // QR alphanumeric mode covers 0-9 A-Z and '-': nothing else is used.
    expect(caseNo).toMatch(/^[0-9A-Z-]+$/);
  });

  it('accepts what people type: lower case, spaces, full-width characters, no separators', () => {
    const caseNo = formatCaseNumber({ terminalId: 'WD0001', date: '20250612', seq: 7 });
    const check = caseNo.at(-1)!;
    for (const typed of [
      caseNo.toLowerCase(),
      caseNo.replaceAll('-', ''),
      ` ${caseNo.replaceAll('-', ' ')} `,
      `ＷＤ０００１－２０２５０６１２－０００07－${String.fromCharCode(check.charCodeAt(0) + 0xfee0)}`,
    ]) {
      expect(parseCaseNumber(typed)).toMatchObject({ ok: true, caseNo });
    }
  });

  it('the check character catches every single substitution and adjacent transposition', () => {
    const bodies = ['WD000120250612000427'.slice(0, 19), 'ZZ9920261231999990'.slice(0, 18), 'A1B2C3D42025010100001'];
    let substitutions = 0;
    let transpositions = 0;
    for (const body of bodies) {
      const check = mod3736Check(body);
      for (let i = 0; i < body.length; i++) {
        for (const c of ALPHABET) {
          if (c === body[i]) continue;
          substitutions++;
          expect(mod3736Check(body.slice(0, i) + c + body.slice(i + 1)), `${body} pos ${i} → ${c}`).not.toBe(check);
        }
        if (i + 1 < body.length && body[i] !== body[i + 1]) {
          transpositions++;
          const swapped = body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
          expect(mod3736Check(swapped), `${body} swap ${i}`).not.toBe(check);
        }
      }
    }
    expect(substitutions).toBeGreaterThan(1500);
    expect(transpositions).toBeGreaterThan(30);
  });

  it('rejects a wrong check character with a clear reason, and malformed input as format', () => {
    const caseNo = formatCaseNumber({ terminalId: 'WD0001', date: '20250612', seq: 42 });
    const wrong = caseNo.slice(0, -1) + (caseNo.endsWith('0') ? '1' : '0');
    expect(parseCaseNumber(wrong)).toMatchObject({ ok: false, reason: 'check' });
    expect(parseCaseNumber(wrong).ok === false && parseCaseNumber(wrong)).toMatchObject({ message: expect.stringContaining('check character') });
    // one digit mistyped in the sequence
    expect(parseCaseNumber(caseNo.replace('00042', '00043'))).toMatchObject({ ok: false, reason: 'check' });
    expect(parseCaseNumber('hello')).toMatchObject({ ok: false, reason: 'format' });
    expect(parseCaseNumber('WD0001-20250230-00001-0')).toMatchObject({ ok: false, reason: 'format' }); // 30 February
  });

  it('refuses to format out-of-range parts', () => {
    expect(() => formatCaseNumber({ terminalId: 'wd', date: '20250612', seq: 1 })).toThrow();
    expect(() => formatCaseNumber({ terminalId: 'WD0001', date: '20250612', seq: 0 })).toThrow();
    expect(() => formatCaseNumber({ terminalId: 'WD0001', date: '20250612', seq: 100000 })).toThrow();
  });
  it('a DEMO- number is a case number in demo mode only (typed any way); outside it, refused as a demo number, never as a typo', () => {
    const real = formatCaseNumber({ terminalId: 'WD0001', date: '20261201', seq: 3 });
    const demo = `DEMO-${real}`;
    for (const typed of [demo, demo.toLowerCase(), demo.replaceAll('-', ''), ` demo ${real.replaceAll('-', ' ')} `]) {
      expect(parseCaseNumber(typed, { demo: true })).toMatchObject({ ok: true, caseNo: demo });
      expect(parseCaseNumber(typed)).toMatchObject({ ok: false, reason: 'demo' });
    }
    // A mistyped demo number is a typo in demo mode, as any other.
    expect(parseCaseNumber(`${demo.slice(0, -1)}${demo.endsWith('0') ? '1' : '0'}`, { demo: true })).toMatchObject({ ok: false, reason: 'check' });
    // A real number stays real in demo mode.
    expect(parseCaseNumber(real, { demo: true })).toMatchObject({ ok: true, caseNo: real });
  });
});
