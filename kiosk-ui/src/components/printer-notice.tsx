import { useKiosk } from '../kiosk-context';
import { printerBlocker } from './printer-availability';
import '../styles/printer-notice.css';

/**
 * Whether the printout a journey ends in can come out now, said before the
 * resident starts (the guide) and before they submit (the check page), with
 * what they can do instead. Live from the daemon's device events: it changes
 * as soon as the printer does (paper reloaded, cover closed).
 */
export function PrinterNotice({ ending }: { ending: 'records' | 'receipt' }) {
  const { t, devices } = useKiosk();
  const blocker = printerBlocker(devices.printer);
  if (!blocker) {
    return (
      <p class="muted" data-testid="printer-notice" data-printer="ready">
        {t(`printing.ready.${ending}`)}
      </p>
    );
  }
  return (
    <p class="printer-notice--blocked" role="status" data-testid="printer-notice" data-printer="blocked">
      {t(`printing.blocked.${ending}`, { reason: t(blocker) })}
    </p>
  );
}
