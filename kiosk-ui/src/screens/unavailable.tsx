import { Suspense } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import { inFlightSubmission } from '../flows/in-flight-submission';
import { translate, type Locale } from '../i18n';
import { preloadable } from './journey-screens';

// Not in the page's first script: a submission in doubt exists only after a
// resident started, and the start area waits for this chunk (kiosk-session.tsx),
// so it is here before the daemon can go away with an answer owed.
const lostAnswer = preloadable(() => import('./lost-answer').then((m) => m.LostAnswerScreen));
const LostAnswerScreen = lostAnswer.Screen;
export const preloadLostAnswer = lostAnswer.preload;

const startOver = () => location.reload();

/**
 * Shown while the daemon is away. Needs nothing from it. While shown it polls
 * /health: a daemon that came back with a new boot id has a new token, so the
 * page reloads itself from the daemon (a fresh start at the attract screen —
 * a resident's session is never carried across a restart). Same boot id: the
 * client's own reconnect brings the kiosk back.
 *
 * One thing is asked first: if the daemon went down while an application (or
 * a complaint) was sent and its answer or its receipt's never came, the page holds that submission's key in
 * memory, and a reload would drop it. So the page asks the new daemon what
 * became of it (LostAnswerScreen: the case and its receipt, or "not
 * accepted") and starts over only then. The case is neither lost (the screen
 * no longer says "not accepted" of a committed case) nor made twice (the
 * resident is told it exists), and no session is carried over: only the case
 * its key names. A resident cut off mid-session without such a submission
 * is told plainly that nothing was sent and nothing was kept.
 */
export function UnavailableScreen({ locale, phone, bootId, inSession }: { locale: Locale; phone?: string; bootId?: string; inSession?: boolean }) {
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string>) => translate(locale, k, p);
  const [lostKey, setLostKey] = useState<string>();
  useEffect(() => {
    if (lostKey) return;
    const timer = setInterval(async () => {
      try {
        const res = await fetch('/health', { cache: 'no-store' });
        if (!res.ok) return;
        const health = (await res.json()) as { bootId?: string };
        if (!health.bootId || health.bootId === bootId) return;
        const key = inFlightSubmission.inDoubt();
        if (key) setLostKey(key);
        else startOver();
      } catch {
        /* still away */
      }
    }, 2000);
    return () => clearInterval(timer);
  }, [bootId, lostKey]);
  if (lostKey)
    return (
      <Suspense fallback={null}>
        <LostAnswerScreen locale={locale} phone={phone} idempotencyKey={lostKey} onDone={startOver} />
      </Suspense>
    );
  return (
    <main class="screen unavailable" data-screen="unavailable" role="alert">
      <h1>{t('unavailable.title')}</h1>
      <p>{t('unavailable.body')}</p>
      {inSession && <p data-testid="not-submitted">{t('unavailable.notSubmitted')}</p>}
      {phone && <p>{t('unavailable.help', { phone })}</p>}
      <div class="spinner" aria-hidden="true" />
    </main>
  );
}
