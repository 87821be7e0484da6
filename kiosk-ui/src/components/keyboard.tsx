import { useKiosk } from '../kiosk-context';
import { UiIcon } from './icon';

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/**
 * The terminal's own keyboard (letters and digits): no OS keyboard ever opens.
 * `primary`: the screen's main action is typing here (search), so the layout must keep it on screen.
 */
export function OnScreenKeyboard({ value, onChange, primary = false }: { value: string; onChange: (v: string) => void; primary?: boolean }) {
  const { t } = useKiosk();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a keyboard is a group of buttons, not a form section; a fieldset would add form semantics and browser styling
    <div class="keyboard" role="group" aria-label="keyboard" data-testid="keyboard" data-primary={primary || undefined}>
      {ROWS.map((row) => (
        <div key={row} class="keyboard__row">
          {[...row].map((k) => (
            <button key={k} type="button" class="key" data-key={k} onClick={() => onChange(value + k)}>
              {k}
            </button>
          ))}
        </div>
      ))}
      <div class="keyboard__row">
        <button type="button" class="key key--wide" data-key="space" onClick={() => onChange(`${value} `)}>
          {t('kb.space')}
        </button>
        <button type="button" class="key key--wide" data-key="backspace" onClick={() => onChange(value.slice(0, -1))}>
          <UiIcon name="backspace" /> {t('kb.backspace')}
        </button>
        <button type="button" class="key key--wide" data-key="clear" onClick={() => onChange('')}>
          {t('kb.clear')}
        </button>
      </div>
    </div>
  );
}
