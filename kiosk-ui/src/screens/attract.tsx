import { useKiosk } from '../kiosk-context';
import { useNow } from '../hooks';
import { Toggles } from '../components/top-bar';
import { DeviceStatusPanel } from '../components/device-status';
import { SessionNotices } from '../components/session-notices';
import { useEffect } from 'preact/hooks';
import { preloadJourneyScreens } from './journey-screens';
import { warmIcons } from '../components/icon';

/** Shown whenever nobody is using the terminal. Any touch on the start area begins a session (once the last one is wiped: `ready`). */
export function AttractScreen({ ready }: { ready: boolean }) {
  const { system, t, session, locale } = useKiosk();
  const now = useNow();
  // While nobody is using the terminal, fetch the journeys' screens and load the icons: the first tap then waits for neither.
  useEffect(() => {
    const id = requestIdleCallback(
      () => {
        void preloadJourneyScreens();
        void warmIcons();
      },
      { timeout: 2000 },
    );
    return () => cancelIdleCallback(id);
  }, []);
  const fmt = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', hour12: false });
  return (
    <main class="screen attract" data-screen="attract">
      <header class="attract__header">
        <p class="attract__district">{system.site.district}</p>
        <h1 class="attract__site">{system.site.name}</h1>
        <p class="attract__clock" data-testid="clock">
          {fmt.format(now)}
        </p>
      </header>
      <SessionNotices />
      <button type="button" class="attract__start" data-testid="start" data-primary disabled={!ready} onClick={() => session.send({ type: 'START' })}>
        <span class="attract__title">{t('app.title')}</span>
        <span class="attract__touch">{t('attract.touchToStart')}</span>
        <span class="attract__hours">{system.site.open24h ? t('attract.open24h') : t('attract.hours', { hours: system.site.hoursText })}</span>
        <span class="attract__services">{t('attract.services')}</span>
      </button>
      <footer class="attract__footer">
        <Toggles />
        <DeviceStatusPanel compact />
      </footer>
    </main>
  );
}
