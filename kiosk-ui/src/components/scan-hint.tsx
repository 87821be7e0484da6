import { useKiosk } from '../kiosk-context';

/**
 * Receipt QR → case number, on the progress lookup screen: the hint shows
 * only while a scanner is attached and working (the progress journey arms it
 * while a number is asked for), and says when the last code scanned was not
 * a case number of this terminal.
 */
export function ScanHint({ notCase }: { notCase: boolean }) {
  const { devices, t } = useKiosk();
  const status = devices.scanner;
  const working = status?.state === 'online' || status?.state === 'busy';
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
