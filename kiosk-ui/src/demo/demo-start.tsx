import type { DaemonLink } from '../client/daemon-client';
import { useKiosk } from '../kiosk-context';
import { staffCall } from './staff-call';
import { StaffPinForm } from './staff-pin-form';
import './demo.css';

/**
 * 演示模式 from the staff panel: staff number and PIN (checked by the daemon
 * with the staff lockout), then the terminal is in demo mode and every page
 * shows the mark (demo.status event). `onClose` runs when it started or staff cancelled.
 */
export function DemoStart({ client, onClose }: { client: DaemonLink; onClose: () => void }) {
  const { t } = useKiosk();
  return (
    <StaffPinForm
      title={t('demo.startTitle')}
      action={t('demo.start')}
      submit={async (staffNo, pin) => {
        const r = await staffCall(() => client.call('demo.start', { staffNo, pin }));
        if (r.ok) onClose();
        return r;
      }}
      onCancel={onClose}
    />
  );
}
