import { useEffect, useRef, useState } from 'preact/hooks';
import { useKiosk } from '../kiosk-context';

/** The daemon disarms after 120 s; a resident still on the screen keeps it armed. */
const RENEW_MS = 100_000;

/**
 * Receipt QR → case number, for the progress lookup screen. While mounted the
 * scanner is armed (the daemon sends scanner.code only then, so a code
 * scanned elsewhere in the UI is never acted on); unmounting disarms it.
 * A code carrying a case number calls onCaseNo; any other code shows a short
 * explanation. Renders the hint only when a scanner is attached and working.
 */
export function ScanListener({ onCaseNo }: { onCaseNo: (caseNo: string) => void }) {
  const { client, devices, t } = useKiosk();
  const status = devices.scanner;
  const configured = !!status;
  const working = status?.state === 'online' || status?.state === 'busy';
  const [notCase, setNotCase] = useState(false);
  const handler = useRef(onCaseNo);
  handler.current = onCaseNo;

  useEffect(() => {
    if (!configured) return;
    let live = true;
    const arm = () => void client.call('scanner.arm', { purpose: 'caseNo' }).catch(() => undefined);
    arm();
    const renew = setInterval(arm, RENEW_MS);
    const off = client.on('scanner.code', (e) => {
      if (!live || e.purpose !== 'caseNo') return;
      setNotCase(!e.caseNo);
      if (e.caseNo) handler.current(e.caseNo);
    });
    return () => {
      live = false;
      clearInterval(renew);
      off();
      void client.call('scanner.disarm', {}).catch(() => undefined);
    };
  }, [client, configured]);

  if (!working) return null;
  return (
    <div data-testid="scan-hint">
      <p>{t('scanner.hint')}</p>
      {notCase && (
        <p role="alert" data-testid="scan-not-case">
          {t('scanner.notCaseNo')}
        </p>
      )}
    </div>
  );
}
