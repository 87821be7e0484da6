import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ActorRefFrom } from 'xstate';
import type { DeviceStatus, SystemStatus } from '../../contract/api';
import type { DaemonLink } from './client/daemon-client';
import type { sessionMachine } from '../../state-machines/session/session-machine';
import type { Locale, MessageKey } from './i18n';
import type { UiCatalog } from './catalog/ui-catalog';

export interface KioskContextValue {
  system: SystemStatus;
  devices: Record<string, DeviceStatus>;
  session: ActorRefFrom<typeof sessionMachine>;
  /** null until the daemon has sent it (or while it cannot). */
  catalog: UiCatalog | null;
  locale: Locale;
  elder: boolean;
  /** Pick the resident's language from a bilingual text. */
  pick: (text: { zh: string; en?: string }) => string;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** The daemon's events, for a screen that only shows what it is told (staff acknowledged a call). */
  on: DaemonLink['on'];
  /** The daemon link itself, for a flow a screen starts on its own (呼叫工作人员 from an error). */
  daemon: DaemonLink;
}

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKiosk(): KioskContextValue {
  const v = useContext(KioskContext);
  if (!v) throw new Error('useKiosk outside KioskContext');
  return v;
}
