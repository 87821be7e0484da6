import { useEffect, useState } from 'preact/hooks';
import type { DemoStatus } from '../../../contract/api/demo';
import type { ConnectionState, DaemonLink } from '../client/daemon-client';

/** Whether the terminal is in demo mode: asked on every (re)connect, kept live from demo.status events. */
export function useDemoStatus(client: DaemonLink, conn: ConnectionState): DemoStatus | null {
  const [demo, setDemo] = useState<DemoStatus | null>(null);
  useEffect(() => client.on('demo.status', setDemo), [client]);
  useEffect(() => {
    if (conn !== 'open') return;
    client.call('demo.status', {}).then(setDemo, () => undefined);
  }, [client, conn]);
  return demo;
}
