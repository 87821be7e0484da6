import type { AskedField, AnswerValue } from '../../../state-machines/flows/form-answers';
import type { KioskContextValue } from '../kiosk-context';
import { useKiosk } from '../kiosk-context';
import { DigitPad } from './digit-pad';
import { maskPhone } from '../../../contract/domain/mask';

/** One form field as large touch controls: choices as buttons, digits on a keypad, dates with steppers. Never free Chinese text. */
export function FieldInput({ field, value, onChange, today }: { field: AskedField; value: AnswerValue | undefined; onChange: (v: AnswerValue | undefined) => void; today: string }) {
  const { t, pick } = useKiosk();
  switch (field.kind) {
    case 'choice': {
      const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
      return (
        <div class="choices">
          {field.options.map((o) => {
            const on = chosen.includes(o.value);
            const next = field.multiple ? (on ? chosen.filter((v) => v !== o.value) : [...chosen, o.value]) : o.value;
            return (
              <button key={o.value} type="button" class="btn btn--choice" aria-pressed={on} data-option={o.value} onClick={() => onChange(next)}>
                {pick(o.label)}
              </button>
            );
          })}
        </div>
      );
    }
    case 'yesNo':
      return (
        <div class="choices">
          {[true, false].map((v) => (
            <button key={String(v)} type="button" class="btn btn--choice" aria-pressed={value === v} data-option={String(v)} onClick={() => onChange(v)}>
              {v ? t('answer.yes') : t('answer.no')}
            </button>
          ))}
        </div>
      );
    case 'phone':
      return <DigitPad label={pick(field.label)} value={typeof value === 'string' ? value : ''} maxLength={11} onChange={(v) => onChange(v || undefined)} />;
    case 'number': {
      const text = typeof value === 'number' ? String(value) : '';
      const digits = String(Math.trunc(Math.abs(field.max))).length;
      return (
        <div>
          <DigitPad label={pick(field.label)} value={text} maxLength={digits} onChange={(v) => onChange(v === '' ? undefined : Number(v))} />
          <p class="muted">
            {t('answer.range', { min: field.min, max: field.max })}
            {field.unit ? ` ${pick(field.unit)}` : ''}
          </p>
        </div>
      );
    }
    case 'date':
      return <DateSteppers value={typeof value === 'string' ? value : undefined} today={today} onChange={onChange} />;
  }
}

/**
 * A date as three steppers. Unanswered, it shows no date at all (a date on
 * screen is always an answer the form counts); the first tap starts from
 * today. The chosen date is also written out in the resident's language.
 */
function DateSteppers({ value, today, onChange }: { value: string | undefined; today: string; onChange: (v: string) => void }) {
  const { t, locale } = useKiosk();
  const [y, m, d] = (value ?? today).split('-').map(Number) as [number, number, number];
  const set = (yy: number, mm: number, dd: number) => {
    const max = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
    const day = Math.min(Math.max(1, dd), max);
    onChange(`${yy}-${String(mm).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  };
  // From nothing, the first tap answers today.
  const step = (change: () => void) => (value ? change : () => onChange(today));
  const wrap = (v: number, lo: number, hi: number) => (v < lo ? hi : v > hi ? lo : v);
  const part = (label: string, shown: string, dec: () => void, inc: () => void, id: string) => (
    <div class="stepper" data-part={id}>
      <button type="button" class="key key--digit" aria-label={`${label} −`} onClick={step(dec)}>
        −
      </button>
      <span class="stepper__value">{shown}</span>
      <button type="button" class="key key--digit" aria-label={`${label} +`} onClick={step(inc)}>
        +
      </button>
    </div>
  );
  const shown = (key: 'date.yearValue' | 'date.monthValue' | 'date.dayValue', n: number) => t(key, { value: value ? n : '—' });
  return (
    <div class="date-steppers" data-testid="date" data-value={value ?? ''}>
      {part(
        t('date.year'),
        shown('date.yearValue', y),
        () => set(y - 1, m, d),
        () => set(y + 1, m, d),
        'year',
      )}
      {part(
        t('date.month'),
        shown('date.monthValue', m),
        () => set(y, wrap(m - 1, 1, 12), d),
        () => set(y, wrap(m + 1, 1, 12), d),
        'month',
      )}
      {part(
        t('date.day'),
        shown('date.dayValue', d),
        () => set(y, m, d - 1 < 1 ? 31 : d - 1),
        () => set(y, m, d + 1 > new Date(Date.UTC(y, m, 0)).getUTCDate() ? 1 : d + 1),
        'day',
      )}
      <p class={value ? '' : 'muted'} data-testid="date-state">
        {value ? t('date.chosen', { date: longDate(value, locale) }) : t('date.unanswered')}
      </p>
    </div>
  );
}

/** An ISO day in words, in the resident's language ("30 November 2026", "2026年11月30日"); the day itself, never shifted by a time zone. */
function longDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

/** An answer as the check screen shows it (phone numbers masked on the public screen). */
export function answerText(field: AskedField, value: AnswerValue | undefined, pick: KioskContextValue['pick'], t: KioskContextValue['t'], locale: string): string {
  if (value === undefined || value === '') return t('answer.none');
  switch (field.kind) {
    case 'choice': {
      const vals = Array.isArray(value) ? value : [String(value)];
      return vals.map((v) => pick(field.options.find((o) => o.value === v)?.label ?? { zh: v })).join('、');
    }
    case 'yesNo':
      return value ? t('answer.yes') : t('answer.no');
    case 'phone':
      return maskPhone(String(value));
    case 'date':
      return longDate(String(value), locale);
    default:
      return String(value);
  }
}
