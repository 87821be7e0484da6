import { useEffect, useRef, useState } from 'preact/hooks';
import { useKiosk } from '../kiosk-context';
import { useVoicePrompt } from '../voice';

/**
 * The timeout warning (after HMRC's timeout dialog): a modal with a visible
 * countdown and one large "continue" button, focused so a screen reader
 * announces it. The countdown shown is derived from when the warning began.
 */
export function IdleWarning() {
  const { session, system, t, locale } = useKiosk();
  useVoicePrompt(session.getSnapshot().context.voice, 'voice.idle', t('voice.idle'), locale);
  const started = useRef(Date.now());
  const [left, setLeft] = useState(system.session.warningSeconds);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus();
    const timer = setInterval(() => {
      setLeft(Math.max(0, system.session.warningSeconds - Math.floor((Date.now() - started.current) / 1000)));
    }, 250);
    return () => clearInterval(timer);
  }, []);
  return (
    <div class="modal-backdrop">
      <div class="modal" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body" data-testid="idle-warning">
        <h2 id="idle-title">{t('idle.title')}</h2>
        <p id="idle-body" aria-live="polite">
          {t('idle.body', { seconds: left })}
        </p>
        <div class="countdown" aria-hidden="true" data-testid="idle-countdown">
          {left}
        </div>
        <div class="modal__actions">
          <button ref={button} type="button" class="btn btn--primary btn--large" data-testid="idle-continue" onClick={() => session.send({ type: 'EXTEND' })}>
            {t('idle.continue')}
          </button>
          <button type="button" class="btn btn--secondary" data-testid="idle-end" onClick={() => session.send({ type: 'END', reason: 'user' })}>
            {t('idle.end')}
          </button>
        </div>
      </div>
    </div>
  );
}
