import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CardDecodeError, decodeCardText, encodeCardText } from '../../../../../device-daemon/devices/id-card/codec/card-text';
import { LAYOUTS, TEXT_BLOCK_BYTES } from '../../../../../device-daemon/devices/id-card/codec/card-layouts';
import { NATIONS, nationDisplay, SEX } from '../../../../../device-daemon/devices/id-card/codec/card-codes';
import { checkDigit, isValidIdNumber } from '../../../../../device-daemon/devices/id-card/codec/id-number';
import { buildResponse } from '../../../../../device-daemon/devices/id-card/codec/sam-frame';
import { buildReadBase, decodeAppendedAddress, encodeAppendedAddress } from '../../../../../device-daemon/devices/id-card/codec/read-base';
import { simCards } from '../../../../../device-daemon/devices/id-card/simulator/sim-cards';
import { decodeReadFrame } from '../../../../../device-daemon/cli/commands/card';
import { isExpired, summarize } from '../../../../../device-daemon/devices/id-card/card-summary';
import { chinaDate } from '../../../../../contract/domain/china-time';

/**
 * Text blocks written by hand with the offsets from the reference (§5), not
 * through the layout tables, so an offset wrong in the table shows up here
 * instead of cancelling out in an encode/decode round trip.
 */
function block(fields: Array<[offset: number, bytes: number, text: string]>): Buffer {
  const b = Buffer.alloc(256);
  for (let i = 0; i < 256; i += 2) b.writeUInt16LE(0x20, i);
  for (const [off, len, text] of fields) {
    expect(text.length * 2).toBeLessThanOrEqual(len);
    b.write(text, off, 'utf16le');
  }
  return b;
}

describe('resident card', () => {
  it('reproduces the reference test vector byte for byte (1295 bytes, CHK EC, SHA-256)', () => {
    const text = block([
      [0, 30, '张三'],
      [30, 2, '1'],
      [32, 4, '01'],
      [36, 16, '19491231'],
      [52, 70, '北京市东城区景山前街4号'],
      [122, 36, '11010519491231002X'],
      [158, 30, '北京市公安局东城分局'],
      [188, 16, '20150101'],
      [204, 16, '长期'],
    ]);
    const frame = buildResponse(0x90, buildReadBase(text, Buffer.alloc(1024)));
    expect(frame.length).toBe(1295);
    expect(frame[frame.length - 1]).toBe(0xec);
    expect(createHash('sha256').update(frame).digest('hex')).toBe('284fe9061f0420576b12f5f31960e92e8cd7347d34bc634b6e20fe50ec33c458');
    expect(text.subarray(0, 6)).toEqual(Buffer.from([0x20, 0x5f, 0x09, 0x4e, 0x20, 0x00]));
    const r = decodeReadFrame(frame);
    expect(r).toMatchObject({
      kind: 'resident',
      name: '张三',
      sexCode: '1',
      sex: 'male',
      nationCode: '01',
      nation: '汉族',
      birthDate: '1949-12-31',
      address: '北京市东城区景山前街4号',
      idNumber: '11010519491231002X',
      issuer: '北京市公安局东城分局',
      validFrom: '2015-01-01',
      validTo: 'long-term',
      checkDigitOk: true,
    });
    // the simulator's encoder writes the same bytes
    expect(encodeCardText(r)).toEqual(text);
  });

  it('maps every sex code and never treats "not 1" as female', () => {
    for (const [code, want] of [
      ['0', 'unknown'],
      ['1', 'male'],
      ['2', 'female'],
      ['9', 'unspecified'],
    ] as const) {
      const r = decodeCardText(
        block([
          [0, 30, '测试'],
          [30, 2, code],
          [32, 4, '01'],
          [36, 16, '19800101'],
          [122, 36, '11010519491231002X'],
          [188, 16, '20200101'],
          [204, 16, '20300101'],
        ]),
      );
      expect(r.sex).toBe(want);
      expect(SEX[code].key).toBe(want);
    }
    for (const bad of ['3', 'X', ' ']) {
      expect(() =>
        decodeCardText(
          block([
            [0, 30, '测试'],
            [30, 2, bad],
            [36, 16, '19800101'],
            [188, 16, '20200101'],
            [204, 16, '20300101'],
          ]),
        ),
      ).toThrow(CardDecodeError);
    }
  });

  it('maps nation codes to names (58 codes) and keeps an unknown code without a name', () => {
    expect(Object.keys(NATIONS)).toHaveLength(58);
    expect(nationDisplay('01')).toBe('汉族');
    expect(nationDisplay('46')).toBe('德昂族');
    expect(nationDisplay('98')).toBe('外国血统中国籍人士');
    const r = decodeCardText(
      block([
        [0, 30, '测试'],
        [30, 2, '2'],
        [32, 4, '99'],
        [36, 16, '19800101'],
        [122, 36, '11010519491231002X'],
        [188, 16, '20200101'],
        [204, 16, '20300101'],
      ]),
    );
    expect(r.nationCode).toBe('99');
    expect(r.nation).toBeNull();
  });

  it('rejects impossible dates and text blocks of the wrong size with typed errors', () => {
    const base: Array<[number, number, string]> = [
      [0, 30, '测试'],
      [30, 2, '1'],
      [122, 36, '11010519491231002X'],
      [188, 16, '20200101'],
      [204, 16, '20300101'],
    ];
    for (const bad of ['19800230', '1980013', 'abcdefgh', '']) {
      try {
        decodeCardText(block([...base, [36, 16, bad]]));
        expect.unreachable();
      } catch (err) {
        expect((err as CardDecodeError).kind).toBe('badDate');
      }
    }
    try {
      decodeCardText(Buffer.alloc(200));
      expect.unreachable();
    } catch (err) {
      expect((err as CardDecodeError).kind).toBe('badTextLength');
    }
  });

  it('flags a number that fails GB 11643 (the bad-check-digit synthetic card)', () => {
    const c = simCards().get('resident-badcheck')!;
    expect(decodeCardText(encodeCardText(c.record)).checkDigitOk).toBe(false);
  });
});

describe('GB 11643 check digit', () => {
  it('matches the reference examples', () => {
    expect(checkDigit('11010519491231002')).toBe('X');
    expect(checkDigit('44052418800101001')).toBe('4');
    expect(checkDigit('93268219850101001')).toBe('7');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(false);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('1101051949123100')).toBe(false);
  });
});

describe('foreign permanent resident cards', () => {
  it("decodes the old 'I' layout at the reference offsets", () => {
    const text = block([
      [0, 120, 'KOVAC, MIRA TESTCARD'],
      [120, 2, '2'],
      [122, 30, 'HRV410085060012'],
      [152, 6, 'HRV'],
      [158, 30, '米拉'],
      [188, 16, '20190401'],
      [204, 16, '20290401'],
      [220, 16, '19850601'],
      [236, 4, '05'],
      [240, 8, '4100'],
      [248, 2, 'I'],
    ]);
    expect(decodeCardText(text)).toEqual({
      kind: 'foreignPermanent',
      foreignLayout: 'I',
      name: '米拉',
      englishName: 'KOVAC, MIRA TESTCARD',
      sexCode: '2',
      sex: 'female',
      birthDate: '1985-06-01',
      validFrom: '2019-04-01',
      validTo: '2029-04-01',
      nationality: 'HRV',
      idNumber: 'HRV410085060012',
      issuerCode: '4100',
      cardVersion: '05',
      checkDigitOk: null,
    });
    expect(encodeCardText(decodeCardText(text))).toEqual(text);
  });

  it("decodes the 2023 'Y' layout, joining the English name split at character 35", () => {
    const en = 'SCHMIDT-WEBER, ANNA KATHARINA MARIA SAMPLE';
    const text = block([
      [0, 30, '安娜'],
      [30, 2, '2'],
      [32, 4, '00'],
      [36, 16, '19900315'],
      [52, 70, en.slice(0, 35)],
      [122, 36, '934110199003150022'],
      [188, 16, '20240201'],
      [204, 16, '20340201'],
      [220, 22, en.slice(35)],
      [242, 6, 'DEU'],
      [248, 2, 'Y'],
      [250, 6, '137'],
    ]);
    const r = decodeCardText(text);
    expect(r).toMatchObject({
      kind: 'foreignPermanent',
      foreignLayout: 'Y',
      name: '安娜',
      englishName: en,
      nationality: 'DEU',
      idNumber: '934110199003150022',
      renewalCount: '00',
      previousNumberLink: '137',
      checkDigitOk: true,
    });
    expect(en.charAt(34)).not.toBe(' ');
    // a space exactly at the seam survives the join
    const seam = `${'A'.repeat(34)} ${'B'.repeat(5)}`;
    expect(
      decodeCardText(
        block([
          [0, 30, '甲'],
          [30, 2, '1'],
          [36, 16, '19900315'],
          [52, 70, seam.slice(0, 35)],
          [122, 36, '934110199003150022'],
          [188, 16, '20240201'],
          [204, 16, '20340201'],
          [220, 22, seam.slice(35)],
          [248, 2, 'Y'],
        ]),
      ).englishName,
    ).toBe(seam);
  });

  it("refuses an 'I' card whose permit number is not 3 letters + 12 digits", () => {
    const text = block([
      [0, 120, 'X'],
      [120, 2, '1'],
      [122, 30, 'H1'],
      [188, 16, '20190401'],
      [204, 16, '20290401'],
      [220, 16, '19850601'],
      [248, 2, 'I'],
    ]);
    expect(() => decodeCardText(text)).toThrow(CardDecodeError);
  });
});

describe('HK/Macao/Taiwan residence permit', () => {
  it("decodes the 'J' layout: pass number @220, issue count @238, region from the number", () => {
    const text = block([
      [0, 30, '陈家明'],
      [30, 2, '1'],
      [36, 16, '19920808'],
      [52, 70, '河南省平顶山市卫东区示例大道88号'],
      [122, 36, '810000199208080030'],
      [158, 30, '平顶山市公安局卫东分局'],
      [188, 16, '20220110'],
      [204, 16, '20270110'],
      [220, 18, 'H90000001'],
      [238, 4, '01'],
      [248, 2, 'J'],
    ]);
    expect(decodeCardText(text)).toEqual({
      kind: 'hkMacaoTaiwan',
      name: '陈家明',
      sexCode: '1',
      sex: 'male',
      birthDate: '1992-08-08',
      validFrom: '2022-01-10',
      validTo: '2027-01-10',
      address: '河南省平顶山市卫东区示例大道88号',
      idNumber: '810000199208080030',
      issuer: '平顶山市公安局卫东分局',
      checkDigitOk: true,
      passNumber: 'H90000001',
      issueCount: '01',
      region: 'HK',
    });
  });
});

describe('layout tables', () => {
  it('tile the 256-byte block exactly, on UCS-2 boundaries, for every kind', () => {
    for (const [id, fields] of Object.entries(LAYOUTS)) {
      const sorted = [...fields].sort((a, b) => a.offset - b.offset);
      let at = 0;
      for (const f of sorted) {
        expect(f.offset, `${id}.${f.field}`).toBe(at);
        expect(f.bytes % 2, `${id}.${f.field}`).toBe(0);
        at += f.bytes;
      }
      expect(at, id).toBe(TEXT_BLOCK_BYTES);
    }
  });

  it("marks the 2023 'Y' offsets as single-source", () => {
    expect(LAYOUTS.foreignY.every((f) => f.confidence === 'S')).toBe(true);
  });
});

describe('synthetic cards', () => {
  it('every card of every kind survives frame → decode with the same record; all numbers check except the bad one', () => {
    const kinds = new Set<string>();
    for (const c of simCards().values()) {
      const frame = buildResponse(0x90, buildReadBase(encodeCardText(c.record), c.wlt));
      const r = decodeReadFrame(frame);
      const { appendedAddress: _a, ...expected } = c.record;
      expect(r).toEqual(expected);
      kinds.add(r.kind + (r.foreignLayout ?? ''));
      if (c.id === 'resident-badcheck') expect(r.checkDigitOk).toBe(false);
      else expect(r.checkDigitOk === true || r.checkDigitOk === null).toBe(true);
    }
    expect([...kinds].sort()).toEqual(['foreignPermanentI', 'foreignPermanentY', 'hkMacaoTaiwan', 'resident']);
  });

  it('appended address round-trips through its 70-byte block', () => {
    expect(decodeAppendedAddress(encodeAppendedAddress('河南省平顶山市卫东区新址路1号院2号楼'))).toBe('河南省平顶山市卫东区新址路1号院2号楼');
  });
});

describe('summary for the UI', () => {
  it('masks, flags expiry by China Standard Time, and says the photo is not decoded', () => {
    const read = (id: string) => ({ record: simCards().get(id)!.record, photo: { wlt: Buffer.alloc(1024), status: 'notDecoded' as const }, readAt: '2026-11-28T00:00:00.000Z' });
    const now = new Date('2026-11-28T03:00:00Z');
    const s = summarize(read('resident-valid'), now);
    expect(s).toMatchObject({ kind: 'resident', maskedName: '林**', maskedIdNumber: '4104**********0023', sex: 'female', nation: '汉族', validTo: 'long-term', expired: false, photo: 'notDecoded' });
    expect(JSON.stringify(s)).not.toContain('410403195803120023');
    expect(JSON.stringify(s)).not.toContain('示例路');
    expect(summarize(read('resident-expired'), now)).toMatchObject({ expired: true, validTo: '2025-08-01' });
    expect(summarize(read('foreign-2023'), now)).toMatchObject({ kind: 'foreignPermanent', foreignLayout: 'Y', nationality: 'DEU', maskedEnglishName: expect.stringMatching(/^S\*+/) });
    expect(summarize(read('hk-permit'), now)).toMatchObject({ kind: 'hkMacaoTaiwan', region: 'HK', expired: false });
    // valid through its last day in Beijing, expired the next Beijing day (UTC 16:00 = 00:00 CST)
    expect(isExpired('2026-11-28', new Date('2026-11-28T15:59:00Z'))).toBe(false);
    expect(isExpired('2026-11-28', new Date('2026-11-28T16:00:00Z'))).toBe(true);
    expect(chinaDate(Date.parse('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
  });
});
