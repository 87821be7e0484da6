import { DaemonClient, apiUrl, pageToken } from './client/daemon-client';
import { useConnection } from './client/use-connection';
import { usePageHeartbeat } from './client/use-page-heartbeat';
import { usePageReload } from './client/use-page-reload';
import { useSystemStatus } from './client/use-system-status';
import { useCatalog } from './catalog/use-catalog';
import { englishLoaded, loadEnglish, type Locale } from './i18n';
import { KioskSession } from './session/kiosk-session';
import { UnavailableScreen } from './screens/unavailable';
import { MaintenanceHost } from './maintenance/maintenance-host';
import { useState } from 'preact/hooks';
import { useLoaded } from './hooks';

const token = pageToken();
const client = token ? new DaemonClient({ url: apiUrl(), token }) : undefined;
const pageLocale = (): Locale => (document.documentElement.lang === 'en' ? 'en' : 'zh-CN');

/** The page: without a token from the daemon there is nothing to serve. */
export function App() {
  return client ? <Linked client={client} /> : <UnavailableScreen locale={pageLocale()} />;
}

/** The daemon link (connection, terminal status, catalog), then the resident session once the daemon has said who it is. */
function Linked({ client }: { client: DaemonClient }) {
  const conn = useConnection(client);
  usePageHeartbeat(client, conn);
  usePageReload(client);
  const { system, devices } = useSystemStatus(client, conn);
  const catalog = useCatalog(client, conn);
  // Maintenance mode replaces the resident session while it lasts; leaving starts a fresh one at attract.
  const [maintenance, setMaintenance] = useState(false);
  const [generation, setGeneration] = useState(0);
  // A terminal whose default language is English shows its first screen once the English strings are in (not in the page's first script).
  const english = useLoaded(englishLoaded, loadEnglish, system?.locale === 'en');
  if (!system || (system.locale === 'en' && !english)) return <UnavailableScreen locale={pageLocale()} />;
  return (
    <>
      {!maintenance && <KioskSession key={generation} client={client} system={system} devices={devices} conn={conn} catalog={catalog} />}
      <MaintenanceHost
        client={client}
        conn={conn}
        onEntered={() => setMaintenance(true)}
        onLeft={() => {
          setMaintenance(false);
          setGeneration((g) => g + 1);
        }}
      />
    </>
  );
}
