import { describe, expect, it } from 'vitest';
import { COMPLAINT_STATEMENTS, complaintText, statementKey, statementsOf } from '../../../kiosk-ui/src/flows/complaint-statements';
import { addJourneyStrings, loadEnglish, localeTables } from '../../../kiosk-ui/src/i18n';
import { journeyEn, journeyZh } from '../../../kiosk-ui/src/i18n/parts/journeys';

// The English strings of the first screens load after the page's first paint (i18n loadEnglish), as the page does.
await loadEnglish();

// The journeys' strings as their screens add them when they load.
addJourneyStrings({ zh: journeyZh, en: journeyEn });

describe('有诉即办 statements', () => {
  it('every category offers its statements and then "call me"; an unknown category offers none', () => {
    for (const [category, ids] of Object.entries(COMPLAINT_STATEMENTS)) expect(statementsOf(category)).toEqual([...ids, 'callMe']);
    expect(statementsOf('noSuchCategory')).toEqual([]);
    expect(statementsOf(undefined)).toEqual([]);
  });

  it('each statement has words in both languages; a statement outside its category has no key', () => {
    const { 'zh-CN': zh, en } = localeTables();
    for (const category of Object.keys(COMPLAINT_STATEMENTS)) {
      for (const id of statementsOf(category)) {
        const key = statementKey(category, id);
        expect(zh[key], key).toBeTruthy();
        expect(en[key], key).toBeTruthy();
      }
    }
    expect(() => statementKey('policy', 'overdue')).toThrow(/no statement overdue under policy/);
  });

  it('the department reads the chosen statements in Chinese', () => {
    expect(complaintText('terminalFault', ['noPrint', 'callMe'])).toBe('自助终端打印不出来；请工作人员给我回电详谈');
  });
});
