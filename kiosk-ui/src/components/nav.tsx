import { SessionNotices } from './session-notices';
import type { ComponentChildren } from 'preact';
import { useKiosk } from '../kiosk-context';
import { Toggles } from './top-bar';
import { useVoicePrompt } from '../voice';
import type { MessageKey } from '../i18n';
import { GuidedHint, useGuided } from '../guided/guided-hint';

/** The screens with a spoken prompt (`voice.<screen>` in the locale files, pre-rendered in public/audio). */
export type VoiceScreen = { [K in MessageKey]: K extends `voice.${infer S}` ? S : never }[MessageKey];

/**
 * Every screen inside a session: Back and Home at the top, same place; toggles at the bottom.
 * `unsaved`: the screen holds answers not yet sent, so 结束办理 asks before clearing them.
 */
export function SessionFrame({
  title,
  onBack,
  onHome,
  children,
  screen,
  unsaved,
}: {
  title: string;
  screen: VoiceScreen;
  onBack?: () => void;
  onHome?: () => void;
  children: ComponentChildren;
  unsaved?: boolean;
}) {
  const { t, session, locale } = useKiosk();
  // In guided mode the hint is spoken instead (it says the same and why).
  const guided = useGuided();
  useVoicePrompt(session.getSnapshot().context.voice && !guided, `voice.${screen}`, t(`voice.${screen}`), locale);
  return (
    <main class="screen" data-screen={screen}>
      <header class="bar">
        <div class="bar__nav">
          {onBack && (
            <button type="button" class="btn btn--secondary" data-testid="back" onClick={onBack}>
              ‹ {t('nav.back')}
            </button>
          )}
          {onHome && (
            <button type="button" class="btn btn--secondary" data-testid="home" onClick={onHome}>
              {t('nav.home')}
            </button>
          )}
        </div>
        <h1 class="bar__title">{title}</h1>
        <button type="button" class="btn btn--secondary" data-testid="end" onClick={() => session.send({ type: 'END', reason: 'user', unsaved })}>
          {t('nav.end')}
        </button>
      </header>
      <GuidedHint screen={screen} />
      <SessionNotices />
      <div class="screen__body">{children}</div>
      <footer class="bar bar--bottom">
        <Toggles />
      </footer>
    </main>
  );
}
