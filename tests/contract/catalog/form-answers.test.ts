import { describe, expect, it } from 'vitest';
import { answerProblem, type AskedField } from '../../../contract/catalog/form-answers';

const label = { zh: '问题', en: 'Question' };
const choice = (multiple: boolean): AskedField => ({
  id: 'c',
  kind: 'choice',
  label,
  required: true,
  multiple,
  options: [
    { value: 'a', label },
    { value: 'b', label },
  ],
});
const date: AskedField = { id: 'd', kind: 'date', label, required: true, minOffsetDays: -1, maxOffsetDays: 0 };

describe('answerProblem: the one rule of an answer (page and daemon)', () => {
  it('required and optional answers', () => {
    expect(answerProblem(choice(false), undefined)).toBe('missing');
    expect(answerProblem({ ...choice(true), required: false }, [])).toBeUndefined();
    expect(answerProblem({ id: 'y', kind: 'yesNo', label, required: true }, '')).toBe('missing');
  });

  it('choices among the options; several only for a multiple choice', () => {
    expect(answerProblem(choice(false), 'a')).toBeUndefined();
    expect(answerProblem(choice(false), 'z')).toBe('invalid');
    expect(answerProblem(choice(false), ['a'])).toBe('invalid');
    expect(answerProblem(choice(true), ['a', 'b'])).toBeUndefined();
    expect(answerProblem(choice(true), ['a', 'z'])).toBe('invalid');
  });

  it('phone, number and yes/no', () => {
    const phone: AskedField = { id: 'p', kind: 'phone', label, required: true };
    expect(answerProblem(phone, '13912345678')).toBeUndefined();
    for (const bad of ['1391234567', '23912345678', '0375-1234567', 13912345678]) expect(answerProblem(phone, bad as never)).toBe('invalid');
    const n: AskedField = { id: 'n', kind: 'number', label, required: true, min: 1, max: 10, integer: true };
    expect(answerProblem(n, 10)).toBeUndefined();
    expect(answerProblem(n, 11)).toBe('invalid');
    expect(answerProblem(n, 2.5)).toBe('invalid');
    expect(answerProblem({ ...n, integer: false }, 2.5)).toBeUndefined();
    expect(answerProblem({ id: 'y', kind: 'yesNo', label, required: true }, 'yes')).toBe('invalid');
  });

  it('date bounds count from today in China time, whatever the OS time zone', () => {
    // 2025-06-30 20:00 UTC is already 07-01 in China: "today" is 07-01.
    const lateUtc = new Date('2025-06-30T20:00:00Z');
    expect(answerProblem(date, '2025-07-01', lateUtc)).toBeUndefined();
    expect(answerProblem(date, '2025-06-30', lateUtc)).toBeUndefined();
    expect(answerProblem(date, '2025-06-29', lateUtc)).toBe('invalid');
    expect(answerProblem(date, '2025-07-02', lateUtc)).toBe('invalid');
    expect(answerProblem(date, '2025-7-1', lateUtc)).toBe('invalid');
  });
});
