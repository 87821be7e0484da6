import type { ActorRefFrom } from 'xstate';
import type { callStaffMachine } from '../../../state-machines/flows/call-staff-machine';
import { CallStaffBody } from '../components/call-staff-body';
import type { progressMachine } from '../../../state-machines/flows/progress-machine';
import { useKiosk } from '../kiosk-context';
import { ServiceEvaluationScreen } from './service-evaluation';
import { useActorSnapshot } from '../hooks';
import { SessionFrame } from '../components/nav';
import { OnScreenKeyboard } from '../components/keyboard';
import { IdentifyPanel } from './identify';
import { ScanHint } from '../components/scan-hint';
import { chinaDateText, chinaDateTimeText } from '../i18n/china-time-format';

export function CallStaffScreen({ flow, onBack, onHome }: { flow: ActorRefFrom<typeof callStaffMachine>; onBack: () => void; onHome: () => void }) {
  const { t } = useKiosk();
  return (
    <SessionFrame title={t('call.title')} screen="callStaff" onBack={onBack} onHome={onHome}>
      <CallStaffBody flow={flow} />
    </SessionFrame>
  );
}

export function ProgressScreen({ flow, onBack, onHome }: { flow: ActorRefFrom<typeof progressMachine>; onBack: () => void; onHome: () => void }) {
  const { t, locale, pick } = useKiosk();
  const snap = useActorSnapshot(flow);
  const result = snap.context.result;
  const error = snap.context.error;
  const errorText = error === 'notFound' ? t('progress.notFound') : error === 'invalidArgs' ? t('progress.invalid') : error ? t('progress.failed', { reason: error }) : '';
  const identify = snap.matches('identifying') ? snap.children.identify : undefined;
  const evaluation = snap.matches('evaluation') ? snap.children.evaluation : undefined;
  if (evaluation) return <ServiceEvaluationScreen flow={evaluation} onHome={onHome} />;
  if (identify) {
    return (
      <SessionFrame title={t('progress.title')} screen="identify" onBack={() => flow.send({ type: 'EDIT' })} onHome={onHome}>
        <IdentifyPanel flow={identify} onLeave={() => flow.send({ type: 'EDIT' })} />
      </SessionFrame>
    );
  }
  if (snap.matches('lookingByCard')) {
    return (
      <SessionFrame title={t('progress.title')} screen="progress" onBack={onBack} onHome={onHome}>
        <p aria-live="polite">{t('progress.looking')}</p>
      </SessionFrame>
    );
  }
  if (snap.matches('list')) {
    return (
      <SessionFrame title={t('progress.title')} screen="progress" onBack={() => flow.send({ type: 'EDIT' })} onHome={onHome}>
        <p>{t('progress.listIntro', { count: snap.context.cases.length, name: snap.context.card?.maskedName ?? '' })}</p>
        <div class="list" data-testid="case-list">
          {snap.context.cases.map((c) => (
            <button key={c.caseNo} type="button" class="list__item" data-case={c.caseNo} onClick={() => flow.send({ type: 'OPEN_CASE', caseNo: c.caseNo })}>
              <span>{c.caseNo}</span>
              <span class="list__note">
                {c.service ? pick(c.service) : t(`progress.kind.${c.kind}`)} · {t(`status.${c.status}`)} · {chinaDateText(c.acceptedAt, locale)}
              </span>
            </button>
          ))}
        </div>
      </SessionFrame>
    );
  }
  return (
    <SessionFrame title={t('progress.title')} screen="progress" onBack={onBack} onHome={onHome}>
      {snap.matches('shown') && result ? (
        <div class="panel" data-testid="progress-result">
          <dl class="facts">
            <div class="facts__row">
              <dt>{t('progress.caseNo')}</dt>
              <dd>{result.caseNo}</dd>
            </div>
            {result.service && (
              <div class="facts__row" data-testid="progress-service">
                <dt>{t('progress.service')}</dt>
                <dd>{pick(result.service)}</dd>
              </div>
            )}
            {result.department && (
              <div class="facts__row" data-testid="progress-department">
                <dt>{t('progress.department')}</dt>
                <dd>{pick(result.department)}</dd>
              </div>
            )}
            <div class="facts__row" data-testid="progress-current">
              <dt>{t('progress.current')}</dt>
              <dd>{t(`status.${result.status}`)}</dd>
            </div>
            {/* The next steps are an application's; a call, complaint or rating has its own course. */}
            {result.kind === 'application' && (
              <div class="facts__row" data-testid="progress-next">
                <dt>{t('progress.nextStep')}</dt>
                <dd>{t(`progress.next.${result.status}`)}</dd>
              </div>
            )}
            {result.promisedDate && (
              <div class="facts__row">
                <dt>{t('progress.promised')}</dt>
                <dd>
                  {result.promisedDate}
                  {result.provisional && t('progress.provisional')}
                </dd>
              </div>
            )}
          </dl>
          <ol class="timeline" data-testid="timeline">
            {result.timeline.map((e, i) => (
              <li key={i} data-status={e.status}>
                <strong>{t(`status.${e.status}`)}</strong> · {chinaDateTimeText(e.at, locale)}
                {e.note && <div class="muted">{e.note}</div>}
              </li>
            ))}
          </ol>
          <div class="actions">
            <button type="button" class="btn btn--secondary" onClick={() => flow.send({ type: 'EDIT' })}>
              {snap.context.cases.length ? t('progress.backToList') : t('progress.again')}
            </button>
            <button type="button" class="btn btn--primary" data-testid="finish" onClick={() => flow.send({ type: 'FINISH' })}>
              {t('service.finish')}
            </button>
          </div>
        </div>
      ) : (
        <>
          <p>{t('progress.ask')}</p>
          <ScanHint notCase={snap.context.scanNotCase} />
          <button type="button" class="btn btn--secondary btn--large" data-testid="progress-by-card" onClick={() => flow.send({ type: 'BY_CARD' })}>
            {t('progress.byCard')}
          </button>
          <div class="search__query" data-testid="case-input" aria-live="polite">
            {snap.context.caseNo}
          </div>
          {/* No cases is an answer, not a mistake: said as a plain sentence, not flagged like a wrong entry. */}
          {error === 'noCases' && (
            <p role="status" class="panel" data-testid="progress-no-cases">
              {t('progress.noCases')}
            </p>
          )}
          {errorText && (
            <p role="alert" data-testid="progress-error">
              {errorText}
            </p>
          )}
          {snap.matches('looking') && <p aria-live="polite">{t('progress.looking')}</p>}
          <button type="button" class="btn btn--primary btn--large" data-testid="progress-submit" onClick={() => flow.send({ type: 'SUBMIT' })}>
            {t('progress.search')}
          </button>
          <OnScreenKeyboard value={snap.context.caseNo} onChange={(v) => flow.send({ type: 'TYPE', caseNo: v })} />
        </>
      )}
    </SessionFrame>
  );
}
