import { useEffect, useState } from 'preact/hooks';
import type { DeviceStatus, SystemStatus } from '../../../contract/api';
import type { ConnectionState, DaemonClient } from './daemon-client';

/**
 * Who the daemon is and how each device is, asked on every (re)connect (the
 * round trip that proves the link) and kept live from device.status and
 * store.status events.
 * A restarted daemon (new boot id) never continues a resident's session:
 * `kiosk:daemon-restarted` ends it.
 */
export function useSystemStatus(client: DaemonClient, conn: ConnectionState): { system: SystemStatus | null; devices: Record<string, DeviceStatus> } {
  const [system, setSystem] = useState<SystemStatus | null>(null);
  const [devices, setDevices] = useState<Record<string, DeviceStatus>>({});
  useEffect(() => client.on('device.status', (s) => setDevices((prev) => ({ ...prev, [s.device]: s }))), [client]);
  // The store's state travels with the system status: screens read system.store (can a submission be taken now?).
  useEffect(() => client.on('store.status', (store) => setSystem((prev) => prev && { ...prev, store })), [client]);
  // Settings a technician changed and the daemon applied (idle timeout, site texts, links): take them now.
  useEffect(
    () =>
      client.on('maintenance.configApplied', () => {
        client.call('system.status', {}).then(
          (s) => setSystem((prev) => (prev && prev.bootId === s.bootId ? s : prev)),
          () => undefined,
        );
      }),
    [client],
  );
  useEffect(() => {
    if (conn !== 'open') return;
    client.call('system.status', {}).then(
      (s) => {
        setSystem((prev) => {
          if (prev && prev.bootId !== s.bootId) window.dispatchEvent(new CustomEvent('kiosk:daemon-restarted'));
          return s;
        });
        setDevices(Object.fromEntries(s.devices.map((d) => [d.device, d])));
      },
      () => undefined,
    );
  }, [client, conn]);
  return { system, devices };
}
