import { useKiosk } from '../kiosk-context';
import { CallStaffButton } from './call-staff-button';

/**
 * A request that failed: why, a retry, and a way back to change the answers
 * when the journey offers one (after a submission only when the daemon
 * refused the content: a lost answer must be resent unchanged).
 */
export function FailedRequest({
  message,
  onRetry,
  onChange,
  changeLabel,
  testId = 'submit-failed',
}: {
  message: string;
  onRetry: () => void;
  onChange?: (() => void) | undefined;
  changeLabel?: string;
  testId?: string;
}) {
  const { t } = useKiosk();
  return (
    <div class="panel">
      <p role="alert" data-testid={testId}>
        {message}
      </p>
      <div class="actions">
        {onChange && (
          <button type="button" class="btn btn--secondary btn--large" data-testid="submit-change" onClick={onChange}>
            {changeLabel ?? t('check.change')}
          </button>
        )}
        <button type="button" class="btn btn--primary btn--large" data-testid="submit-retry" onClick={onRetry}>
          {t('service.retry')}
        </button>
        <CallStaffButton />
      </div>
    </div>
  );
}
