import { useState } from 'preact/hooks';
import type { OpenCase } from '../../../state-machines/flows/submit-failure';
import { chinaDateText } from '../i18n/china-time-format';
import { useKiosk } from '../kiosk-context';
import { CallStaffButton } from './call-staff-button';

type Reprint = { state: 'idle' | 'printing' | 'printed' } | { state: 'failed'; reason: string };

/**
 * The daemon refused an application because this person has the item open:
 * that case (number, date, current step), its receipt printed again on
 * request, and — only where the item allows more than one — a way to apply anyway.
 */
export function OpenCasePanel({ open, onRepeat }: { open: OpenCase; onRepeat: () => void }) {
  const { t, locale, daemon } = useKiosk();
  const [reprint, setReprint] = useState<Reprint>({ state: 'idle' });
  const print = () => {
    setReprint({ state: 'printing' });
    daemon.call('receipt.print', { caseNo: open.caseNo, locale }, { timeoutMs: 60_000 }).then(
      () => setReprint({ state: 'printed' }),
      (err: unknown) => setReprint({ state: 'failed', reason: (err as { code?: string }).code ?? 'internalError' }),
    );
  };
  return (
    <div class="panel" role="alert" data-testid="open-case">
      <h2>{t('openCase.title')}</h2>
      <p>{t('openCase.body')}</p>
      <dl class="facts">
        <div class="facts__row">
          <dt>{t('openCase.caseNo')}</dt>
          <dd class="case-no" data-testid="open-case-no">
            {open.caseNo}
          </dd>
        </div>
        <div class="facts__row">
          <dt>{t('openCase.date')}</dt>
          <dd>{open.acceptedAt ? chinaDateText(open.acceptedAt, locale) : '—'}</dd>
        </div>
        <div class="facts__row">
          <dt>{t('openCase.status')}</dt>
          <dd>{t(`status.${open.status as 'submitted'}`)}</dd>
        </div>
      </dl>
      {reprint.state === 'printed' && <p role="status">{t('openCase.reprinted')}</p>}
      {reprint.state === 'failed' && <p role="alert">{t('openCase.reprintFailed', { reason: reprint.reason })}</p>}
      {!open.repeatAllowed && <p>{t('openCase.noRepeat')}</p>}
      <div class="actions">
        <button type="button" class="btn btn--primary btn--large" data-testid="open-case-reprint" data-primary disabled={reprint.state === 'printing'} onClick={print}>
          {t('openCase.reprint')}
        </button>
        {open.repeatAllowed && (
          <button type="button" class="btn btn--secondary btn--large" data-testid="open-case-repeat" onClick={onRepeat}>
            {t('openCase.repeat')}
          </button>
        )}
        <CallStaffButton />
      </div>
    </div>
  );
}
