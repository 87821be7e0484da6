import { describe, expect, it } from 'vitest';
import { fieldProblem } from '../../../kiosk-ui/src/components/field-problem';
import { addJourneyStrings, loadEnglish, type Locale, translate } from '../../../kiosk-ui/src/i18n';
import { journeyEn, journeyZh } from '../../../kiosk-ui/src/i18n/parts/journeys';
import type { AskedField } from '../../../state-machines/flows/form-answers';

// The English strings of the first screens load after the page's first paint (i18n loadEnglish), as the page does.
await loadEnglish();

addJourneyStrings({ zh: journeyZh, en: journeyEn });

const PHONE: AskedField = { id: 'contactPhone', kind: 'phone', required: true, label: { zh: '联系电话', en: 'Mobile' } };
const say = (locale: Locale, value: string | undefined) => {
  const p = fieldProblem(PHONE, value);
  return translate(locale, p.key, p.params);
};

describe('field messages name the actual problem', () => {
  it('eleven digits starting with 2 are "not a mobile number", not "enter 11 digits"', () => {
    expect(say('zh-CN', '21234567890')).toContain('这不是手机号码');
    expect(say('zh-CN', '21234567890')).not.toContain('11 位');
    expect(say('en', '21234567890')).toContain('This is not a mobile number');
  });

  it('a short number is told its length, with the plural rule', () => {
    expect(say('zh-CN', '1380000')).toBe('手机号码是 11 位，您输入了 7 位。');
    expect(say('en', '1')).toBe('A mobile number has 11 digits; you entered 1 digit.');
    expect(say('en', '1380000')).toBe('A mobile number has 11 digits; you entered 7 digits.');
  });

  it('nothing entered is "required"', () => {
    expect(fieldProblem(PHONE, undefined).key).toBe('service.required');
  });
});

describe('an expired card is sent to the office that renews that kind of card', () => {
  it('身份证 to the 派出所, permits to 出入境, foreign permanent residence cards to the immigration office', () => {
    expect(translate('zh-CN', 'identify.expired.body.resident', { date: '2020-01-01' })).toContain('派出所');
    expect(translate('zh-CN', 'identify.expired.body.hkMacaoTaiwan', { date: '2020-01-01' })).toContain('出入境');
    expect(translate('zh-CN', 'identify.expired.body.hkMacaoTaiwan', { date: '2020-01-01' })).not.toContain('派出所');
    expect(translate('zh-CN', 'identify.expired.body.foreignPermanent', { date: '2020-01-01' })).toContain('移民管理');
    expect(translate('en', 'identify.expired.body.hkMacaoTaiwan', { date: '2020-01-01' })).toContain('exit-entry administration');
    expect(translate('en', 'identify.expired.body.foreignPermanent', { date: '2020-01-01' })).toContain('immigration office');
  });

  it('text names the button as it reads (结束办理 / Finish)', () => {
    expect(translate('zh-CN', 'consent.notKept.body')).toContain(`“${translate('zh-CN', 'nav.end')}”`);
    expect(translate('en', 'consent.notKept.body')).toContain(`tap ${translate('en', 'nav.end')}`);
  });
});
