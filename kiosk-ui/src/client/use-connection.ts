import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConnectionState, DaemonClient } from './daemon-client';

/**
 * The page's link to the daemon, opened for the page's lifetime. The daemon
 * drops session data when a UI connection closes or opens: a fresh page
 * starts clean (session.end on the first open), and a page that lost its
 * link never carries on a resident's journey the daemon has forgotten
 * (`kiosk:link-lost` on every later open ends the session).
 */
export function useConnection(client: DaemonClient): ConnectionState {
  const [conn, setConn] = useState<ConnectionState>('connecting');
  useEffect(() => {
    const off = client.onState(setConn);
    client.connect();
    return () => {
      off();
      client.close();
    };
  }, [client]);

  const opened = useRef(false);
  useEffect(() => {
    if (conn !== 'open') return;
    if (!opened.current) void client.call('session.end', { reason: 'reset' }).catch(() => undefined);
    else window.dispatchEvent(new CustomEvent('kiosk:link-lost'));
    opened.current = true;
  }, [client, conn]);
  return conn;
}
