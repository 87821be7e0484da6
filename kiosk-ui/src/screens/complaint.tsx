import type { ActorRefFrom } from 'xstate';
import type { complaintMachine } from '../../../state-machines/flows/complaint-machine';
import { useKiosk } from '../kiosk-context';
import { PagedBlocks } from '../components/paged-blocks';
import { ServiceEvaluationScreen } from './service-evaluation';
import { useActorSnapshot } from '../hooks';
import { SessionFrame } from '../components/nav';
import { OnScreenKeyboard } from '../components/keyboard';
import { DigitPad } from '../components/digit-pad';
import { phoneProblem } from '../components/field-problem';
import { FailedRequest } from '../components/failed-request';
import { printErrorKey, printerBlocker } from '../components/printer-availability';
import { statementKey, statementsOf } from '../flows/complaint-statements';
import { maskPhone } from '../../../contract/domain/mask';
import { contentRefused } from '../../../state-machines/flows/submit-failure';
import '../styles/service.css';

type Flow = ActorRefFrom<typeof complaintMachine>;

/** 有诉即办: category → statements → optional case number and call-back phone → check → receipt. */
export function ComplaintScreen({ flow, onBack, onHome }: { flow: Flow; onBack: () => void; onHome: () => void }) {
  const { t, catalog, pick, system, devices } = useKiosk();
  const snap = useActorSnapshot(flow);
  const c = snap.context;
  const evaluation = snap.matches('evaluation') ? snap.children.evaluation : undefined;
  if (evaluation) return <ServiceEvaluationScreen flow={evaluation} onHome={onHome} />;
  const categories = catalog?.complaintCategories ?? [];
  const categoryName = (id: string | undefined) => {
    const cat = categories.find((x) => x.id === id);
    return cat ? pick(cat.name) : (id ?? '');
  };
  const statements = statementsOf(c.category);
  const screen = snap.matches('category') ? 'complain' : snap.matches('accepted') ? 'complainDone' : 'complainStep';
  // Back steps back where the journey allows it, else leaves the feature.
  const back = snap.can({ type: 'PREV' }) ? () => flow.send({ type: 'PREV' }) : onBack;
  const blocker = printerBlocker(devices.printer);
  return (
    <SessionFrame title={t('complaint.title')} screen={screen} onBack={snap.matches('check') ? () => flow.send({ type: 'CHANGE', step: 'details' }) : back} onHome={onHome}>
      <div data-testid="complaint" data-state={JSON.stringify(snap.value)}>
        {snap.matches('category') && (
          <>
            <p>{t('complaint.ask')}</p>
            <div class="list">
              {categories.map((cat) => (
                <button key={cat.id} type="button" class="list__item" data-category={cat.id} onClick={() => flow.send({ type: 'CHOOSE_CATEGORY', category: cat.id })}>
                  <span>{pick(cat.name)}</span>
                  {cat.hint && <span class="list__note">{pick(cat.hint)}</span>}
                </button>
              ))}
            </div>
            <p class="muted">{t('complaint.alsoPhone', { phone: system.site.phones.supervision })}</p>
          </>
        )}
        {snap.matches('statements') && (
          <>
            <p>{t('complaint.statementsAsk', { category: categoryName(c.category) })}</p>
            <div class="choices choices--column">
              {statements.map((id) => (
                <button key={id} type="button" class="btn btn--choice" aria-pressed={c.statements.includes(id)} data-statement={id} onClick={() => flow.send({ type: 'TOGGLE_STATEMENT', id })}>
                  {t(statementKey(c.category!, id))}
                </button>
              ))}
            </div>
            <div class="actions actions--steps">
              <span />
              <button type="button" class="btn btn--primary btn--large" data-testid="step-next" disabled={c.statements.length === 0} onClick={() => flow.send({ type: 'NEXT' })}>
                {t('service.next')} ›
              </button>
            </div>
          </>
        )}
        {snap.matches('details') && (
          <>
            {/* The two optional answers a screen at a time where both do not fit (a number pad and a keyboard in large type). */}
            <PagedBlocks
              resetKey="details"
              focus={c.invalid ? 0 : undefined}
              wrap={(shown) => <div class="question-list">{shown}</div>}
              blocks={[
                <fieldset key="phone" class="question" data-field="callbackPhone">
                  <legend class="question__label">
                    {t('complaint.phone')} <span class="muted">{t('service.optional')}</span>
                  </legend>
                  <p class="muted">{t('complaint.phoneWhy')}</p>
                  <DigitPad label={t('complaint.phone')} value={c.callbackPhone} maxLength={11} onChange={(v) => flow.send({ type: 'TYPE_PHONE', phone: v })} />
                  {c.invalid && (
                    <p role="alert" class="question__problem" data-testid="field-problem">
                      {((p) => t(p.key, p.params))(phoneProblem(c.callbackPhone))}
                    </p>
                  )}
                </fieldset>,
                <fieldset key="case" class="question" data-field="relatedCaseNo">
                  <legend class="question__label">
                    {t('complaint.relatedCase')} <span class="muted">{t('service.optional')}</span>
                  </legend>
                  <div class="search__query" data-testid="case-input" aria-live="polite">
                    {c.relatedCaseNo}
                  </div>
                  <OnScreenKeyboard value={c.relatedCaseNo} onChange={(v) => flow.send({ type: 'TYPE_CASE', caseNo: v })} />
                </fieldset>,
              ]}
            />
            <div class="actions actions--steps">
              <span />
              <button type="button" class="btn btn--primary btn--large" data-testid="step-next" onClick={() => flow.send({ type: 'NEXT' })}>
                {t('service.next')} ›
              </button>
            </div>
          </>
        )}
        {snap.matches('check') && (
          <div data-testid="check">
            <dl class="facts check">
              <div class="facts__row">
                <dt>{t('complaint.category')}</dt>
                <dd>
                  {categoryName(c.category)}
                  <button type="button" class="btn btn--link" onClick={() => flow.send({ type: 'CHANGE', step: 'category' })}>
                    {t('check.change')}
                  </button>
                </dd>
              </div>
              <div class="facts__row">
                <dt>{t('complaint.what')}</dt>
                <dd>
                  <ul class="plain">
                    {c.statements.map((id) => (
                      <li key={id}>{t(statementKey(c.category!, id))}</li>
                    ))}
                  </ul>
                  <button type="button" class="btn btn--link" onClick={() => flow.send({ type: 'CHANGE', step: 'statements' })}>
                    {t('check.change')}
                  </button>
                </dd>
              </div>
              <div class="facts__row">
                <dt>{t('complaint.phone')}</dt>
                <dd>
                  {c.callbackPhone ? maskPhone(c.callbackPhone) : t('answer.none')}
                  <button type="button" class="btn btn--link" onClick={() => flow.send({ type: 'CHANGE', step: 'details' })}>
                    {t('check.change')}
                  </button>
                </dd>
              </div>
              {c.relatedCaseNo && (
                <div class="facts__row">
                  <dt>{t('complaint.relatedCase')}</dt>
                  <dd>{c.relatedCaseNo}</dd>
                </div>
              )}
            </dl>
            <p>{t('complaint.promise')}</p>
            <button type="button" class="btn btn--primary btn--large" data-testid="submit" onClick={() => flow.send({ type: 'SUBMIT' })}>
              {t('complaint.submit')}
            </button>
          </div>
        )}
        {snap.matches('submitting') && <p role="status">{t('service.submitting')}</p>}
        {snap.matches('submitFailed') && (
          <FailedRequest
            message={contentRefused(c.error) ? t('complaint.badCase') : t('complaint.failed', { reason: c.error ?? '', phone: system.site.phones.supervision })}
            onRetry={() => flow.send({ type: 'RETRY' })}
            // Only a refused complaint may change: after a lost answer the resend must be the same complaint.
            onChange={contentRefused(c.error) ? () => flow.send({ type: 'CHANGE', step: 'details' }) : undefined}
          />
        )}
        {snap.matches('accepted') && (
          <div class="panel accepted" data-testid="complaint-accepted">
            <h2>{t('complaint.accepted')}</h2>
            <dl class="facts">
              <div class="facts__row">
                <dt>{t('complaint.number')}</dt>
                <dd class="case-no" data-testid="case-no">
                  {c.caseNo}
                </dd>
              </div>
              {c.promisedDate && (
                <div class="facts__row">
                  <dt>{t('complaint.answerBy')}</dt>
                  <dd>{c.promisedDate}</dd>
                </div>
              )}
            </dl>
            <p>{c.callbackPhone ? t('complaint.nextCall') : t('complaint.nextNoCall', { phone: system.site.phones.supervision })}</p>
            {snap.matches({ accepted: 'printing' }) && <p role="status">{t('print.receipt.printing')}</p>}
            {snap.matches({ accepted: 'printed' }) && (
              <p role="status" data-testid="printed">
                {t('print.receipt.printed')}
              </p>
            )}
            {snap.matches({ accepted: 'printFailed' }) && (
              <>
                <p role="alert" data-testid="print-failed">
                  {t('complaint.printFailed', { reason: t(printErrorKey(c.printError)) })}
                </p>
                <button type="button" class="btn btn--primary btn--large" data-testid="print" disabled={blocker !== null} onClick={() => flow.send({ type: 'PRINT' })}>
                  {t('print.again')}
                  {blocker && <span class="list__note">{t(blocker)}</span>}
                </button>
              </>
            )}
            <button type="button" class="btn btn--secondary btn--large" data-testid="finish" onClick={() => flow.send({ type: 'FINISH' })}>
              {t('service.finish')}
            </button>
          </div>
        )}
      </div>
    </SessionFrame>
  );
}
