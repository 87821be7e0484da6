import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DeviceStatus, SystemStatus } from '../../../contract/api';
import type { ConnectionState, DaemonLink } from '../client/daemon-client';
import type { UiCatalog } from '../catalog/ui-catalog';
import { englishLoaded, loadEnglish, translate } from '../i18n';
import { KioskContext, type KioskContextValue } from '../kiosk-context';
import { useActorSnapshot, useLoaded } from '../hooks';
import { AttractScreen } from '../screens/attract';
import { BrowseJourney } from '../screens/browse';
import { UnavailableScreen, preloadLostAnswer } from '../screens/unavailable';
import { IdleWarning } from '../components/idle-warning';
import { ConfirmDiscard } from '../components/confirm-discard';
import { DemoShell } from '../demo/demo-shell';
import { StaffProvider } from '../staff-panel/staff-provider';
import { CardQuestion } from '../components/card-questions';
import { startSession } from './start-session';
import { journeyFlowsLoaded, loadJourneyFlows } from '../flows/browse';
import { useResidentActivity } from './use-activity';

interface Props {
  client: DaemonLink;
  system: SystemStatus;
  devices: Record<string, DeviceStatus>;
  conn: ConnectionState;
  catalog: UiCatalog | null;
}

/** The resident session for as long as the page lives: attract, the journey, the idle warning. */
export function KioskSession({ client, system, devices, conn, catalog }: Props) {
  // Journeys look items up when they act; the catalog may be refreshed meanwhile.
  const catalogRef = useRef(catalog);
  catalogRef.current = catalog;
  const systemRef = useRef(system);
  systemRef.current = system;
  const session = useMemo(
    () =>
      startSession(
        client,
        () => systemRef.current,
        () => catalogRef.current,
      ),
    [],
  );
  // Unmounted (maintenance mode took the screen): the session's timers stop with it.
  useEffect(() => () => void session.stop(), [session]);
  const flowsReady = useLoaded(journeyReady, loadJourney);
  const snap = useActorSnapshot(session);
  const { locale, elderMode } = snap.context;
  useResidentActivity(session, client);
  // The reader's card state is the daemon's: it comes with every device status (again after a reconnect).
  const cardInReader = devices.idCardReader?.detail.media === 'present';
  useEffect(() => session.send({ type: 'CARD_STATE', present: cardInReader }), [cardInReader]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.classList.toggle('elder', elderMode);
  }, [locale, elderMode]);

  // Each return to attract starts a fresh component tree: no screen state survives a reset.
  const inSession = snap.matches('inSession');
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!inSession) setGeneration((g) => g + 1);
  }, [inSession]);

  const value: KioskContextValue = {
    system,
    devices,
    session,
    catalog,
    pick: (text) => (locale === 'en' && text.en ? text.en : text.zh),
    locale,
    elder: elderMode,
    t: (key, params) => translate(locale, key, params),
    on: (name, fn) => client.on(name, fn),
    daemon: client,
  };
  // A session cut by the daemon going away: its form, if any, was not sent, and the screen says so.
  if (conn === 'down') return <UnavailableScreen locale={locale} phone={system.site.phones.center} bootId={system.bootId} inSession={inSession} />;
  const journey = inSession ? snap.children.journey : undefined;
  return (
    <KioskContext.Provider value={value}>
      <DemoShell client={client} conn={conn} />
      <div key={generation} class="kiosk">
        {/* While the wipe runs the start area waits: the next resident begins on a clean terminal. It waits for the journey's flows and the English strings too (loaded once, after the first paint). */}
        {/* Staff signed in on the screen belong to this session: the remount at its end starts them over. */}
        <StaffProvider client={client}>
          {journey ? <BrowseJourney journey={journey} /> : <AttractScreen ready={snap.matches('attract') && flowsReady} />}
          {snap.matches({ inSession: 'warning' }) && <IdleWarning />}
          {snap.matches({ inSession: 'takeCardFirst' }) && <CardQuestion kind="end" />}
          {snap.matches('cardLeft') && <CardQuestion kind="start" />}
          {snap.matches({ inSession: 'confirmEnd' }) && <ConfirmDiscard kind="end" onStay={() => session.send({ type: 'STAY' })} onDiscard={() => session.send({ type: 'CONFIRM_END' })} />}
        </StaffProvider>
      </div>
    </KioskContext.Provider>
  );
}

/**
 * The journey's flows (flows/browse.ts), the English strings (i18n) and the
 * screen that asks a restarted daemon about a submission in doubt
 * (unavailable.tsx), loaded after the page's first paint; a failed load
 * (daemon restarting) is tried again. A consent's text version is taken over
 * both languages: no resident starts before the English strings are in.
 */
const journeyReady = (): boolean => journeyFlowsLoaded() && englishLoaded();
const loadJourney = () => Promise.all([loadJourneyFlows(), loadEnglish(), preloadLostAnswer()]);
