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
        onClick={() => session.send({ type: 'SET_LOCALE', locale: locale === 'zh-CN' ? 'en' : 'zh-CN' })}
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
