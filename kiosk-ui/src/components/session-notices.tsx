import { useEffect } from 'preact/hooks';
import { cardReminderDue } from '../../../state-machines/session/session-machine';
import { chime } from '../chime';
import { useActorSnapshot } from '../hooks';
import { useKiosk } from '../kiosk-context';
import { speak } from '../voice';

/** The reminder sounds again at this interval until the reader reports the card gone. */
const REMIND_EVERY_MS = 8_000;

/**
 * What the session says on top of any screen without stopping the resident:
 * "take your card" while the daemon reports a read card still in the reader
 * (chime, and spoken in voice mode, repeated until it is gone), and the once
 * per session offer of elder mode after a card of someone 60 or older.
 * In the flow of the page, never over it: the screen's own actions stay reachable.
 */
export function SessionNotices() {
  const { session, t, locale } = useKiosk();
  const snap = useActorSnapshot(session);
  const remind = cardReminderDue(snap);
  const voice = snap.context.voice;
  useEffect(() => {
    if (!remind) return;
    const sound = () => {
      chime();
      if (voice) speak('voice.takeCard', t('voice.takeCard'), locale);
    };
    sound();
    const timer = setInterval(sound, REMIND_EVERY_MS);
    return () => clearInterval(timer);
  }, [remind, voice, locale]);
  const offer = snap.matches('inSession') && snap.context.elderOffer === 'open';
  if (!remind && !offer) return null;
  return (
    <div class="session-notices">
      {remind && (
        <p class="take-card" role="alert" data-testid="take-card">
          {t('cardReminder.text')}
        </p>
      )}
      {offer && (
        <section class="elder-offer" aria-labelledby="elder-offer-text" data-testid="elder-offer">
          <p id="elder-offer-text">{t('elderOffer.text')}</p>
          <button type="button" class="btn btn--primary" data-testid="elder-offer-accept" onClick={() => session.send({ type: 'ELDER_ACCEPT' })}>
            {t('elderOffer.accept')}
          </button>
          <button type="button" class="btn btn--secondary" data-testid="elder-offer-decline" onClick={() => session.send({ type: 'ELDER_DECLINE' })}>
            {t('elderOffer.decline')}
          </button>
        </section>
      )}
    </div>
  );
}
