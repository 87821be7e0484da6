import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { DaemonClient } from '../client/daemon-client';
import type { Locale, MessageKey } from '../i18n';

/** What every maintenance page needs: the daemon link, the maintenance token, the technician's language. */
export interface MaintenanceContextValue {
  client: DaemonClient;
  token: string;
  locale: Locale;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

export const MaintenanceContext = createContext<MaintenanceContextValue | null>(null);

export function useMaintenance(): MaintenanceContextValue {
  const v = useContext(MaintenanceContext);
  if (!v) throw new Error('useMaintenance outside the maintenance screens');
  return v;
}
