import { useKiosk } from '../kiosk-context';
import { UiIcon } from './icon';

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

interface KeyboardProps {
  value: string;
  onChange: (v: string) => void;
  /** The screen's main action is typing here (search), so the layout must keep it on screen. */
  primary?: boolean;
}

/**
 * The keys themselves, worded by the caller: maintenance mode has its own
 * language switch and is outside the resident session's context. `extraRows`
 * add keys after the letters (the technician's settings need URL and JSON
 * punctuation).
 */
export function KeyboardKeys({ value, onChange, primary = false, labels, extraRows = [] }: KeyboardProps & { labels: { space: string; backspace: string; clear: string }; extraRows?: string[] }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a keyboard is a group of buttons, not a form section; a fieldset would add form semantics and browser styling
    <div class="keyboard" role="group" aria-label="keyboard" data-testid="keyboard" data-primary={primary || undefined}>
      {[...ROWS, ...extraRows].map((row) => (
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
          {labels.space}
        </button>
        <button type="button" class="key key--wide" data-key="backspace" onClick={() => onChange(value.slice(0, -1))}>
          <UiIcon name="backspace" /> {labels.backspace}
        </button>
        <button type="button" class="key key--wide" data-key="clear" onClick={() => onChange('')}>
          {labels.clear}
        </button>
      </div>
    </div>
  );
}

/** The terminal's own keyboard (letters and digits): no OS keyboard ever opens. */
export function OnScreenKeyboard(props: KeyboardProps) {
  const { t } = useKiosk();
  return <KeyboardKeys {...props} labels={{ space: t('kb.space'), backspace: t('kb.backspace'), clear: t('kb.clear') }} />;
}
