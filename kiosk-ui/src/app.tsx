import { DaemonClient, apiUrl, pageToken } from './client/daemon-client';
import { useConnection } from './client/use-connection';
import { usePageHeartbeat } from './client/use-page-heartbeat';
import { usePageReload } from './client/use-page-reload';
import { useSystemStatus } from './client/use-system-status';
import { useCatalog } from './catalog/use-catalog';
import type { Locale } from './i18n';
import { KioskSession } from './session/kiosk-session';
import { UnavailableScreen } from './screens/unavailable';
import { MaintenanceHost } from './maintenance/maintenance-host';
import { useState } from 'preact/hooks';

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
  if (!system) return <UnavailableScreen locale={pageLocale()} />;
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
