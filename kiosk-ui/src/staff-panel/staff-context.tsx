import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { StaffOnTerminal } from '../../../contract/api/staff-terminal';
import type { DaemonLink } from '../client/daemon-client';

export interface StaffView {
  /** What the daemon holds for this session; null until it answered. */
  state: StaffOnTerminal | null;
  /** Ask the daemon and show its answer (the panel's actions). */
  act: (run: (client: DaemonLink) => Promise<StaffOnTerminal>) => Promise<void>;
  /** The daemon link, for the panel's own forms (演示模式 asks the staff PIN again). */
  client: DaemonLink;
  close: () => void;
}

export const StaffContext = createContext<StaffView | null>(null);

/** Staff on this terminal for the session; null outside a StaffProvider (or before the daemon answered). */
export function useStaffOnTerminal(): StaffOnTerminal | null {
  return useContext(StaffContext)?.state ?? null;
}

export function useStaffView(): StaffView {
  const v = useContext(StaffContext);
  if (!v) throw new Error('useStaffView outside StaffProvider');
  return v;
}
