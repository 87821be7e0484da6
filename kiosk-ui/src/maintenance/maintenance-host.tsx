import { type ComponentType, h } from 'preact';
import { useState } from 'preact/hooks';
import type { ConnectionState, DaemonClient } from '../client/daemon-client';
import { addMaintenanceStrings } from '../i18n';
import type { MaintenanceModeProps } from './maintenance-mode';
import { useCornerGesture } from './use-corner-gesture';

/** The maintenance screens and their strings, fetched at the first gesture: nothing of them is in the resident page's first script. */
let loading: Promise<ComponentType<MaintenanceModeProps>> | undefined;
function loadMaintenance(): Promise<ComponentType<MaintenanceModeProps>> {
  loading ??= Promise.all([import('./maintenance-mode'), import('../i18n/parts/maintenance')]).then(
    ([mode, strings]) => {
      addMaintenanceStrings({ zh: strings.maintenanceZh, en: strings.maintenanceEn });
      return mode.MaintenanceMode;
    },
    (err: unknown) => {
      // A chunk that failed to arrive (daemon restarting) is asked for again at the next gesture.
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

interface Props {
  client: DaemonClient;
  conn: ConnectionState;
  /** The daemon accepted the PIN and wiped the resident session: the page drops the resident's screens too. */
  onEntered: () => void;
  /** Maintenance ended (left, idle, connection lost): the page returns to attract. */
  onLeft: () => void;
}

/** The hidden gesture on the resident screen, then maintenance mode over it (PIN pad, the technician's pages). */
export function MaintenanceHost({ client, conn, onEntered, onLeft }: Props) {
  const [Mode, setMode] = useState<ComponentType<MaintenanceModeProps> | undefined>(undefined);
  useCornerGesture(client, conn, () => {
    if (Mode) return;
    loadMaintenance().then(
      (m) => setMode(() => m),
      () => undefined,
    );
  });
  if (!Mode) return null;
  return h(Mode, {
    client,
    conn,
    onEntered,
    onClosed: (left: boolean) => {
      setMode(undefined);
      if (left) onLeft();
    },
  });
}
