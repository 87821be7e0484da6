import { useKiosk } from '../kiosk-context';
import { Toggles } from '../components/top-bar';
import { DeviceStatusPanel } from '../components/device-status';

/** Spine home screen: proves the session and the daemon round trip; the catalog screens hang here. */
export function HomeScreen() {
  const { t, session, system } = useKiosk();
  return (
    <main class="screen home" data-screen="home">
      <header class="bar">
        <h1>{t('home.title')}</h1>
        <button type="button" class="btn btn--secondary" data-testid="end" onClick={() => session.send({ type: 'END', reason: 'user' })}>
          {t('nav.end')}
        </button>
      </header>
      <p>{t('home.connected')}</p>
      <DeviceStatusPanel />
      <p class="muted" data-testid="terminal-id">{system.terminalId} · v{system.version}</p>
      <footer class="bar bar--bottom">
        <Toggles />
      </footer>
    </main>
  );
}
