import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createActor } from 'xstate';
import type { DeviceStatus, SystemStatus } from '../../contract/api';
import { sessionMachine } from '../../state-machines/session/session-machine';
import { DaemonClient, apiUrl, pageToken, type ConnectionState } from './client/daemon-client';
import { translate, type Locale } from './i18n';
import { KioskContext, type KioskContextValue } from './kiosk-context';
import { useActorSnapshot } from './hooks';
import { AttractScreen } from './screens/attract';
import { BrowseJourney } from './screens/browse';
import { browseMachine } from '../../state-machines/flows/browse-machine';
import { callStaffMachine } from '../../state-machines/flows/call-staff-machine';
import { progressMachine } from '../../state-machines/flows/progress-machine';
import { toUiCatalog, type UiCatalog } from './catalog/ui-catalog';
import { printNotice } from './actions/print-notice';
import { CommandError } from './client/daemon-client';
import { stopSpeaking } from './voice';
import { UnavailableScreen } from './screens/unavailable';
import { IdleWarning } from './components/idle-warning';
import { provideComplaint } from './flows/complaint';
import { provideEvaluate } from './flows/evaluate';
import { provideService } from './flows/service';
import { provideIdentify } from './flows/identify';

const token = pageToken();
const client = token ? new DaemonClient({ url: apiUrl(), token }) : undefined;

export function App() {
  const [conn, setConn] = useState<ConnectionState>('connecting');
  const [system, setSystem] = useState<SystemStatus | null>(null);
  const [devices, setDevices] = useState<Record<string, DeviceStatus>>({});
  const [catalog, setCatalog] = useState<UiCatalog | null>(null);

  useEffect(() => {
    if (!client) return;
    const offState = client.onState(setConn);
    const offDev = client.on('device.status', (s) => setDevices((prev) => ({ ...prev, [s.device]: s })));
    client.connect();
    return () => {
      offState();
      offDev();
      client.close();
    };
  }, []);

  // On every (re)connect, ask the daemon who it is: the round trip that proves the link.
  const opened = useRef(false);
  useEffect(() => {
    if (!client || conn !== 'open') return;
    // The daemon drops session data when a UI connection closes or opens: a
    // fresh page starts clean, and a page that lost its link never carries on
    // a resident's journey the daemon has forgotten (the session restarts at attract).
    if (!opened.current) void client.call('session.end', { reason: 'reset' }).catch(() => undefined);
    else window.dispatchEvent(new CustomEvent('kiosk:link-lost'));
    opened.current = true;
    client.call('system.status', {}).then(
      (s) => {
        setSystem((prev) => {
          // A restarted daemon (new boot id) never continues a resident's session.
          if (prev && prev.bootId !== s.bootId) window.dispatchEvent(new CustomEvent('kiosk:daemon-restarted'));
          return s;
        });
        setDevices(Object.fromEntries(s.devices.map((d) => [d.device, d])));
      },
      () => undefined,
    );
    client.call('catalog.get', {}, { timeoutMs: 30_000 }).then(
      (view) => setCatalog((prev) => (prev?.version === view.version && prev.items.length === view.items.length ? prev : toUiCatalog(view))),
      () => undefined,
    );
  }, [conn]);

  const fallbackLocale: Locale = (document.documentElement.lang as Locale) === 'en' ? 'en' : 'zh-CN';
  if (!client || !system) return <UnavailableScreen locale={fallbackLocale} />;
  return <Kiosk system={system} devices={devices} conn={conn} catalog={catalog} />;
}

function Kiosk({ system, devices, conn, catalog }: { system: SystemStatus; devices: Record<string, DeviceStatus>; conn: ConnectionState; catalog: UiCatalog | null }) {
  // Journeys look items up when they act; the catalog may be refreshed meanwhile.
  const catalogRef = useRef(catalog);
  catalogRef.current = catalog;
  const session = useMemo(
    () =>
      createActor(
        sessionMachine.provide({
          actors: {
            journey: browseMachine.provide({
              actors: {
                callStaff: callStaffMachine.provide({
                  actions: {
                    submitCall: ({ self }, { reason, idempotencyKey }) => {
                      client!.call('submission.submit', { kind: 'callStaff', idempotencyKey, payload: { reason } }).then(
                        (r) => self.send({ type: 'CALL_SENT', caseNo: r.caseNo }),
                        (err: unknown) => self.send({ type: 'CALL_FAILED', code: err instanceof CommandError ? err.code : 'internalError' }),
                      );
                    },
                  },
                }),
                complain: provideComplaint(client!),
                evaluate: provideEvaluate(client!),
                service: provideService(client!, () => catalogRef.current),
                progress: progressMachine.provide({
                  actors: { identify: provideIdentify(client!) },
                  actions: {
                    lookUpByCard: ({ self }) => {
                      client!.call('case.progress', { byCard: true }, { timeoutMs: 30_000 }).then(
                        (r) => self.send(r.cases.length ? { type: 'FOUND_MANY', cases: r.cases } : { type: 'NOT_FOUND' }),
                        (err: unknown) =>
                          self.send(err instanceof CommandError && err.code === 'notFound' ? { type: 'NOT_FOUND' } : { type: 'LOOKUP_FAILED', code: err instanceof CommandError ? err.code : 'internalError' }),
                      );
                    },
                    lookUp: ({ self }, { caseNo }) => {
                      client!.call('case.progress', { caseNo }).then(
                        (r) => self.send(r.cases[0] ? { type: 'FOUND', result: r.cases[0] } : { type: 'NOT_FOUND' }),
                        (err: unknown) =>
                          self.send(err instanceof CommandError && err.code === 'notFound' ? { type: 'NOT_FOUND' } : { type: 'LOOKUP_FAILED', code: err instanceof CommandError ? err.code : 'internalError' }),
                      );
                    },
                  },
                }),
              },
              actions: {
                printNotice: ({ self }, { itemId }) => {
                  printNotice(client!, itemId).then(
                    () => self.send({ type: 'NOTICE_PRINTED' }),
                    (err: unknown) => self.send({ type: 'NOTICE_FAILED', code: err instanceof CommandError ? err.code : 'internalError' }),
                  );
                },
              },
              // The session types its journey slot loosely; the browse journey is what this UI renders.
            }) as never,
          },
          delays: { idleTimeout: system.session.idleTimeoutSeconds * 1000, warningTimeout: system.session.warningSeconds * 1000 },
          actions: {
            // The daemon drops what it held for the resident; the UI remounts its tree (see `key` below).
            wipeSession: (_, { reason }) => {
              stopSpeaking();
              void client!.call('session.end', { reason: reason as 'timeout' | 'user' | 'reset' | 'error' }).catch(() => undefined);
              try {
                sessionStorage.clear();
                localStorage.clear();
              } catch {
                /* storage disabled: nothing to clear */
              }
            },
          },
        }),
        { input: { locale: system.locale, elderMode: system.elderModeDefault } },
      ).start(),
    [],
  );
  const snap = useActorSnapshot(session);
  const [generation, setGeneration] = useState(0);
  const { locale, elderMode } = snap.context;

  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.classList.toggle('elder', elderMode);
  }, [locale, elderMode]);

  // Any touch counts as activity (the warning ignores it: only its button extends).
  useEffect(() => {
    // The daemon wipes a held card when it hears nothing for longer than the idle timeout + warning:
    // touches tell it the resident is still here (at most one ping per 15 s).
    let lastPing = 0;
    const onActivity = () => {
      session.send({ type: 'ACTIVITY' });
      if (Date.now() - lastPing > 15_000) {
        lastPing = Date.now();
        void client!.call('system.ping', {}).catch(() => undefined);
      }
    };
    const onRestart = () => session.send({ type: 'END', reason: 'error' });
    document.addEventListener('pointerdown', onActivity, true);
    document.addEventListener('keydown', onActivity, true);
    window.addEventListener('kiosk:daemon-restarted', onRestart);
    window.addEventListener('kiosk:link-lost', onRestart);
    return () => {
      window.removeEventListener('kiosk:link-lost', onRestart);
      document.removeEventListener('pointerdown', onActivity, true);
      document.removeEventListener('keydown', onActivity, true);
      window.removeEventListener('kiosk:daemon-restarted', onRestart);
    };
  }, [session]);

  // Each return to attract starts a fresh component tree: no screen state survives a reset.
  const inSession = snap.matches('inSession');
  useEffect(() => {
    if (!inSession) setGeneration((g) => g + 1);
  }, [inSession]);

  const value: KioskContextValue = {
    client: client!,
    system,
    devices,
    session,
    catalog,
    pick: (text) => (locale === 'en' && text.en ? text.en : text.zh),
    locale,
    elder: elderMode,
    t: (key, params) => translate(locale, key, params),
  };
  if (conn === 'down') return <UnavailableScreen locale={locale} phone={system.site.phones.center} bootId={system.bootId} />;
  return (
    <KioskContext.Provider value={value}>
      <div key={generation} class="kiosk">
        {inSession && snap.children.journey ? <BrowseJourney journey={snap.children.journey as never} /> : <AttractScreen />}
        {snap.matches({ inSession: 'warning' }) && <IdleWarning />}
      </div>
    </KioskContext.Provider>
  );
}
