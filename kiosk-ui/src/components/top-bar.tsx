import { englishLoaded, loadEnglish } from '../i18n';
import { useKiosk } from '../kiosk-context';

/** Language, elder mode and voice toggles: on every screen, same place. */
export function Toggles() {
  const { session, t, elder, locale } = useKiosk();
  const voice = session.getSnapshot().context.voice;
  return (
    <div class="toggles">
      <button
        type="button"
        class="btn btn--toggle"
        data-testid="toggle-language"
        lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
        onClick={() => {
          const next = locale === 'zh-CN' ? 'en' : 'zh-CN';
          // The English strings are loaded after the first paint and before a session can start: a switch waits only in the moment after a page load.
          if (next === 'zh-CN' || englishLoaded()) session.send({ type: 'SET_LOCALE', locale: next });
          else
            loadEnglish().then(
              () => session.send({ type: 'SET_LOCALE', locale: next }),
              // Not arrived (daemon restarting): the tap changes nothing; the next tap asks again.
              () => undefined,
            );
        }}
      >
        {t('toggle.language')}
      </button>
      <button type="button" class="btn btn--toggle" aria-pressed={elder} data-testid="toggle-elder" onClick={() => session.send({ type: 'TOGGLE_ELDER' })}>
        {elder ? t('toggle.elderOn') : t('toggle.elder')}
      </button>
      <button type="button" class="btn btn--toggle" aria-pressed={voice} data-testid="toggle-voice" onClick={() => session.send({ type: 'TOGGLE_VOICE' })}>
        {voice ? t('toggle.voiceOn') : t('toggle.voice')}
      </button>
    </div>
  );
}
