import { describe, expect, it } from 'vitest';
import { summarize } from '../../../device-daemon/devices/id-card/card-summary';
import { maskAddressToDistrict, maskName } from '../../../contract/domain/mask';
import { simCard } from '../../../device-daemon/devices/id-card/simulator/sim-cards';

// CardSummary.maskedAddress: the address up to the county/district, the rest hidden
// (confirms a postal address on screen; also what a receipt prints of a delivery address).
describe('maskAddressToDistrict', () => {
  it.each([
    ['河南省郑州市金水区经三路15号', '河南省郑州市金水区****'],
    ['河南省平顶山市卫东区演示街道样例社区8号', '河南省平顶山市卫东区****'],
    ['北京市朝阳区建国路1号', '北京市朝阳区****'],
    ['上海市浦东新区示例路2号', '上海市浦东新区****'],
    ['重庆市巫山县示例镇3号', '重庆市巫山县****'],
    // county-level 市 under a prefecture
    ['河南省郑州市新郑市龙湖镇1号', '河南省郑州市新郑市****'],
    ['湖北省恩施土家族苗族自治州恩施市示例路4号', '湖北省恩施土家族苗族自治州恩施市****'],
    ['新疆维吾尔自治区阿克苏地区库车市示例路5号', '新疆维吾尔自治区阿克苏地区库车市****'],
    ['内蒙古自治区锡林郭勒盟正蓝旗示例路6号', '内蒙古自治区锡林郭勒盟正蓝旗****'],
    // no district: a 社区 or 街道 further on is never taken for one
    ['河南省郑州市龙湖社区3号', '河南省郑州市****'],
    ['河南省济源市玉泉街道示例7号', '河南省济源市****'],
    // nothing recognisable: two characters only
    ['示例路12号院3号楼', '示例****'],
    // nothing below the district: nothing to hide
    ['河南省平顶山市卫东区', '河南省平顶山市卫东区'],
  ])('%s → %s', (address, masked) => {
    expect(maskAddressToDistrict(address)).toBe(masked);
  });

  it('is stable on its own output (a masked address passed on is not unmasked or cut further)', () => {
    for (const a of ['河南省郑州市金水区经三路15号', '卫东区示例路12号', '北京市朝阳区建国路1号']) {
      const once = maskAddressToDistrict(a);
      expect(maskAddressToDistrict(once)).toBe(once);
    }
  });
});

describe('CardSummary.maskedAddress per card kind', () => {
  const summary = (id: string) => summarize({ record: simCard(id).record, photo: { status: 'notDecoded' }, readAt: '2026-01-01T00:00:00.000Z' } as never);

  it('resident and HK/Macao/Taiwan cards carry the address to the district only', () => {
    for (const id of ['resident-valid', 'resident-young', 'hk-permit', 'tw-permit-expired']) {
      const card = simCard(id).record;
      const s = summary(id);
      expect(s.maskedAddress, id).toBe('河南省平顶山市卫东区****');
      expect(JSON.stringify(s)).not.toContain(card.address!.slice('河南省平顶山市卫东区'.length));
    }
  });

  it('foreign permanent resident cards have no address: the field is absent', () => {
    for (const id of ['foreign-2023', 'foreign-old']) {
      expect(simCard(id).record.address ?? '').toBe('');
      expect('maskedAddress' in summary(id)).toBe(false);
    }
  });
});

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳明华', '欧阳**'],
    // foreign cards: "SURNAME, GIVEN NAMES"; every part shows its initial, the first given name two letters
    ['SCHMIDT-WEBER, ANNA KATHARINA MARIA SAMPLE', 'S***-W***, AN*** K*** M*** S***'],
    ['KOVAC, MIRA TESTCARD', 'K***, MI*** T***'],
    // no comma: the first word is the given name
    ['JOHN SMITH', 'JO*** S***'],
    ['LI, AL', 'L***, A***'],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('hides the length of every Latin part (a fixed ***), so no part can be guessed from it', () => {
    expect(maskName('KOVAC, MIRA TESTCARD')).toBe(maskName('KOWALSKIEWICZ, MIRABELLA TERRY'));
  });

  it('is stable on its own output', () => {
    for (const n of ['SCHMIDT-WEBER, ANNA KATHARINA MARIA SAMPLE', 'JOHN SMITH', '欧阳明华']) {
      const once = maskName(n);
      expect(maskName(once)).toBe(once);
    }
  });

  it('leaves no masked part a wall of asterisks: every Latin part starts with a letter', () => {
    const masked = maskName('SCHMIDT-WEBER, ANNA KATHARINA MARIA SAMPLE');
    for (const part of masked.split(/[\s,-]+/u)) expect(part).toMatch(/^[A-Z]{1,2}\*\*\*$/u);
  });
});
