import { useKiosk } from '../kiosk-context';
import { UiIcon } from './icon';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** A large numeric keypad (phone numbers, amounts): no OS keyboard, no letters. */
export function DigitPad({ value, onChange, maxLength, label }: { value: string; onChange: (v: string) => void; maxLength: number; label: string }) {
  const { t } = useKiosk();
  const press = (k: string) => value.length < maxLength && onChange(value + k);
  // Mobile numbers are read back in groups 3-4-4, the way people say them.
  const shown = maxLength === 11 ? value.replace(/^(\d{3})(\d{0,4})(\d{0,4}).*$/, (_, a: string, b: string, c: string) => [a, b, c].filter(Boolean).join(' ')) : value;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a keypad is a group of buttons, not a form section; a fieldset would add form semantics and browser styling
    <div class="digit-pad" role="group" aria-label={label} data-testid="digit-pad">
      <output class="digit-pad__value" data-testid="digit-value" aria-live="polite">
        {shown || <span class="muted">{t('pad.empty')}</span>}
      </output>
      <div class="digit-pad__keys">
        {KEYS.map((k) => (
          <button key={k} type="button" class="key key--digit" data-key={k} onClick={() => press(k)}>
            {k}
          </button>
        ))}
        <button type="button" class="key key--digit" data-key="clear" onClick={() => onChange('')}>
          {t('kb.clear')}
        </button>
        <button type="button" class="key key--digit" data-key="0" onClick={() => press('0')}>
          0
        </button>
        <button type="button" class="key key--digit" data-key="backspace" aria-label={t('kb.backspace')} onClick={() => onChange(value.slice(0, -1))}>
          <UiIcon name="backspace" />
        </button>
      </div>
    </div>
  );
}
