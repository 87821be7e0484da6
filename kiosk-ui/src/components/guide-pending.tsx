import type { GuideState } from '../catalog/item-guides';
import { useKiosk } from '../kiosk-context';
import { FailedRequest } from './failed-request';

/** An item guide on its way from the daemon, or one that did not come (with a retry). */
export function GuidePending({ state, onRetry }: { state: Exclude<GuideState, { status: 'ready' }>; onRetry: () => void }) {
  const { t } = useKiosk();
  if (state.status === 'loading') {
    return (
      <p class="muted" role="status" data-testid="guide-loading">
        {t('guide.loading')}
      </p>
    );
  }
  const message =
    state.code === 'offline' || state.code === 'timeout'
      ? t('guide.loadOffline')
      : state.code === 'notFound'
        ? t('guide.loadGone')
        : state.code === 'tooManyRequests'
          ? t('guide.loadBusy')
          : t('guide.loadFailed');
  return <FailedRequest message={message} onRetry={onRetry} testId="guide-failed" />;
}
