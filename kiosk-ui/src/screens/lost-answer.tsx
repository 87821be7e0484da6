import { useEffect, useMemo } from 'preact/hooks';
import { createActor } from 'xstate';
import { CallStaffView } from '../components/call-staff-body';
import { printErrorKey } from '../components/printer-availability';
import { provideLostAnswer } from '../flows/lost-answer';
import { inFlightSubmission } from '../flows/in-flight-submission';
import { useActorSnapshot } from '../hooks';
import { translate, type Locale } from '../i18n';

/**
 * After a daemon restart, before the page starts over: what became of the
 * application whose answer the crash took. Accepted — its case number and
 * the receipt (the daemon prints 补打 when a copy may already have come out);
 * not accepted — said plainly, the resident starts again. Nothing else of the
 * session is shown. Whatever the answer, 呼叫工作人员 is there (the call runs
 * on the same fresh link). Done (or asked again after the key expired): `onDone`
 * starts the page over.
 */
export function LostAnswerScreen({ locale, phone, idempotencyKey, onDone }: { locale: Locale; phone?: string; idempotencyKey: string; onDone: () => void }) {
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(locale, k, p);
  const flow = useMemo(() => {
    const provided = provideLostAnswer();
    return { actor: createActor(provided.machine, { input: { idempotencyKey } }).start(), close: provided.close, on: provided.on };
  }, [idempotencyKey]);
  const snap = useActorSnapshot(flow.actor);
  useEffect(() => {
    // Asked once: the key is no longer in doubt, whatever the answer.
    if (snap.matches('accepted') || snap.matches('notAccepted')) inFlightSubmission.settled(idempotencyKey);
    if (snap.status !== 'done') return;
    flow.close();
    onDone();
  }, [snap, flow, idempotencyKey, onDone]);
  const finish = () => flow.actor.send({ type: 'FINISH' });
  const { accepted, error, printError } = snap.context;
  const call = snap.children.callStaff;
  if (snap.matches('callingStaff') && call)
    return (
      <main class="screen lost-answer" data-screen="lost-answer">
        <h1>{t('call.title')}</h1>
        <CallStaffView flow={call} t={t} on={flow.on} locale={locale} phone={phone ?? ''} />
        <button type="button" class="btn btn--primary btn--large" data-testid="call-staff-close" onClick={() => flow.actor.send({ type: 'CLOSE_CALL' })}>
          {t('nav.back')}
        </button>
      </main>
    );
  const canCall = !snap.matches('asking') && !snap.matches({ accepted: 'printing' });
  return (
    <main class="screen lost-answer" data-screen="lost-answer">
      {snap.matches('asking') && <p role="status">{t('lostAnswer.asking')}</p>}
      {snap.matches('askFailed') && (
        <div role="alert">
          <p>{t('lostAnswer.askFailed', { reason: error ?? '', phone: phone ?? '' })}</p>
          <button type="button" class="btn btn--primary btn--large" data-testid="retry" onClick={() => flow.actor.send({ type: 'RETRY' })}>
            {t('lostAnswer.retry')}
          </button>
        </div>
      )}
      {snap.matches('notAccepted') && (
        <p role="alert" data-testid="not-accepted">
          {t('lostAnswer.notAccepted')}
        </p>
      )}
      {accepted && (
        <div class="panel" role="status">
          <h1>{t('lostAnswer.accepted')}</h1>
          <dl>
            <dt>{t('accepted.caseNo')}</dt>
            <dd class="case-no" data-testid="case-no">
              {accepted.caseNo}
            </dd>
          </dl>
          {snap.matches({ accepted: 'printing' }) && <p role="status">{t('print.receipt.printing')}</p>}
          {snap.matches({ accepted: 'printed' }) && (
            <p role="status" data-testid="printed">
              {t('print.receipt.printed')}
            </p>
          )}
          {snap.matches({ accepted: 'printFailed' }) && (
            <div role="alert" data-testid="print-failed">
              <p>{t('print.receipt.failed', { reason: t(printErrorKey(printError)) })}</p>
              <p>{t('accepted.photograph')}</p>
              <button type="button" class="btn btn--large" data-testid="print" onClick={() => flow.actor.send({ type: 'PRINT' })}>
                {t('print.again')}
              </button>
            </div>
          )}
        </div>
      )}
      {canCall && (
        <button type="button" class="btn btn--secondary btn--large" data-testid="call-staff-from-error" onClick={() => flow.actor.send({ type: 'CALL_STAFF', idempotencyKey: crypto.randomUUID() })}>
          {t('call.fromError')}
        </button>
      )}
      {!snap.matches('asking') && (
        <button type="button" class="btn btn--primary btn--large" data-testid="lost-answer-done" onClick={finish}>
          {t('lostAnswer.done')}
        </button>
      )}
    </main>
  );
}
