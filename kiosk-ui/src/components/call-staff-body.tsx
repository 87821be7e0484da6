import { useEffect, useState } from 'preact/hooks';
import type { ActorRefFrom } from 'xstate';
import type { CallReason, callStaffMachine } from '../../../state-machines/flows/call-staff-machine';
import { useActorSnapshot } from '../hooks';
import { chinaDateTimeText } from '../i18n/china-time-format';
import { useKiosk, type KioskContextValue } from '../kiosk-context';

const REASONS: CallReason[] = ['help', 'accessibility', 'deviceFault', 'identityProblem', 'other'];

type CallFlow = ActorRefFrom<typeof callStaffMachine>;

/** The call itself: on the 呼叫工作人员 screen and in the dialog an error screen opens. */
export function CallStaffBody({ flow }: { flow: CallFlow }) {
  const { t, system, on, locale } = useKiosk();
  return <CallStaffView flow={flow} t={t} on={on} locale={locale} phone={system.site.phones.center} />;
}

/** What the call needs of its surroundings, for a screen outside the session (the lost-answer screen after a restart). */
export type CallStaffViewProps = Pick<KioskContextValue, 't' | 'on' | 'locale'> & { flow: CallFlow; phone: string };

export function CallStaffView({ flow, t, on, locale, phone }: CallStaffViewProps) {
  const snap = useActorSnapshot(flow);
  const { caseNo, duty, error } = snap.context;
  // Staff acknowledged this call in the staff view: the resident is told someone is coming.
  const [coming, setComing] = useState(false);
  useEffect(() => (caseNo ? on('staff.acknowledged', (e) => e.caseNo === caseNo && setComing(true)) : undefined), [caseNo]);
  return (
    <>
      {snap.matches('checkingDuty') && <p aria-live="polite">{t('call.checking')}</p>}
      {snap.matches('offDuty') && duty && (
        <div class="panel" role="status" data-testid="call-off-duty">
          <h2>{t('call.offDuty.title')}</h2>
          <p>{duty.nextStart ? t('call.offDuty.next', { when: chinaDateTimeText(duty.nextStart, locale) }) : t('call.offDuty.none')}</p>
          <p class="call__hotline" data-testid="call-hotline">
            {t('call.offDuty.hotline', { phone: duty.hotline })}
          </p>
        </div>
      )}
      {snap.matches('choosing') && (
        <>
          <p>{t('call.ask')}</p>
          <div class="list">
            {REASONS.map((r) => (
              <button key={r} type="button" class="list__item" data-reason={r} onClick={() => flow.send({ type: 'CHOOSE', reason: r })}>
                {t(`call.reason.${r}`)}
              </button>
            ))}
          </div>
        </>
      )}
      {snap.matches('sending') && <p aria-live="polite">{t('call.sending')}</p>}
      {snap.matches('failed') && (
        <>
          <p role="alert" data-testid="call-failed">
            {t('call.failed', { reason: error ?? '', phone })}
          </p>
          <button type="button" class="btn btn--primary btn--large" onClick={() => flow.send({ type: 'RETRY' })}>
            {t('call.retry')}
          </button>
        </>
      )}
      {(snap.matches('called') || snap.matches('cancelling')) && (
        <div class="panel" data-testid="call-done" role="status">
          <h2>{t('call.done', { caseNo: caseNo ?? '' })}</h2>
          {coming ? <p data-testid="staff-coming">{t('call.coming')}</p> : <p>{duty?.until ? t('call.onDutyWait', { until: duty.until.slice(11, 16) }) : t('call.next', { phone })}</p>}
          {error && <p role="alert">{t('call.cancelFailed', { reason: error })}</p>}
          <button type="button" class="btn btn--secondary btn--large" data-testid="call-cancel" disabled={snap.matches('cancelling')} onClick={() => flow.send({ type: 'CANCEL' })}>
            {snap.matches('cancelling') ? t('call.cancelling') : t('call.cancel')}
          </button>
        </div>
      )}
      {snap.matches('cancelled') && (
        <p class="panel" role="status" data-testid="call-cancelled">
          {t('call.cancelled')}
        </p>
      )}
    </>
  );
}
