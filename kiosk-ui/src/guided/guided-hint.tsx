import { useEffect } from 'preact/hooks';
import type { MessageKey } from '../i18n';
import { useKiosk } from '../kiosk-context';
import { useStaffOnTerminal } from '../staff-panel/staff-context';
import { speak } from '../voice';
import { useNextControlHighlight } from './next-control';
import './guided.css';

/** Guided mode (引导模式) is on for this session: staff switched it on in their panel. */
export function useGuided(): boolean {
  return useStaffOnTerminal()?.guided ?? false;
}

/**
 * Guided mode's hint for a screen (`guided.<screen>` in the locale files):
 * what to do and why, shown above the screen's content, the next control
 * highlighted, and in voice mode spoken instead of the screen's own short
 * prompt. Renders nothing when guided mode is off.
 */
export function GuidedHint({ screen }: { screen: string }) {
  const { t, locale, session } = useKiosk();
  const on = useGuided();
  const voice = session.getSnapshot().context.voice;
  const key = `guided.${screen}` as MessageKey;
  const text = on ? t(key) : '';
  useNextControlHighlight(on, screen);
  // Without a browser voice the hint's own recording plays (scripts/render-voice-prompts.ts renders guided.* too).
  useEffect(() => {
    if (on && voice) speak(key, text, locale);
  }, [on, voice, key, text, locale]);
  if (!on) return null;
  return (
    <aside class="guided-hint" data-testid="guided-hint" data-hint={screen}>
      <strong class="guided-hint__label">{t('guided.label')}</strong> <span>{text}</span>
    </aside>
  );
}
