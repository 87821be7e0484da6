import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import { hasAnswers, type serviceMachine, type MaterialChoice, type DeliveryChoice } from '../../../state-machines/flows/service-machine';
import { stepCount } from '../../../state-machines/flows/service-steps';
import { paginate, type AskedField } from '../../../state-machines/flows/form-answers';
import type { CatalogItem } from '../../../contract/catalog/catalog-schema';
import { windowPlaces } from '../../../contract/catalog/window-places';
import { useKiosk } from '../kiosk-context';
import { CallStaffButton } from '../components/call-staff-button';
import { OpenCasePanel } from '../components/open-case';
import { ServiceEvaluationScreen } from './service-evaluation';
import { useActorSnapshot } from '../hooks';
import { SessionFrame, type VoiceScreen } from '../components/nav';
import { FieldInput, answerText } from '../components/field-input';
import { fieldProblem } from '../components/field-problem';
import { ScreenQr } from '../components/screen-qr';
import { FailedRequest } from '../components/failed-request';
import { printErrorKey, printerBlocker } from '../components/printer-availability';
import { PrinterNotice } from '../components/printer-notice';
import { PagedBlocks } from '../components/paged-blocks';
import { IdentifyPanel, WhoCard } from './identify';
import { ConfirmDiscard } from '../components/confirm-discard';
import { contentRefused } from '../../../state-machines/flows/submit-failure';
import '../styles/service.css';

type Service = ActorRefFrom<typeof serviceMachine>;
type Snap = SnapshotFrom<Service>;

/**
 * The item's own service after its guide: one screen per state of the service machine.
 * The top "‹ 返回" and the bottom "‹ 上一步" are the same step back (PREV), which keeps
 * every answer; Home and a step back out of the form ask before clearing answers.
 */
export function ServiceScreen({ flow }: { flow: Service }) {
  const { t, catalog, pick } = useKiosk();
  const snap = useActorSnapshot(flow);
  const item = catalog?.guides.get(snap.context.itemId);
  if (!item) return null;
  const evaluation = snap.matches('evaluation') ? snap.children.evaluation : undefined;
  if (evaluation) return <ServiceEvaluationScreen flow={evaluation} onHome={() => flow.send({ type: 'LEAVE', to: 'home' })} />;
  const state = JSON.stringify(snap.value);
  const identify = snap.matches('identify') ? snap.children.identify : undefined;
  const title = `${pick(item.name)} · ${t(`service.mode.${snap.context.mode}`)}`;
  const showWho = snap.context.card && !snap.matches('identify') && !snap.matches('declined');
  const back = () => flow.send({ type: 'PREV' });
  const unsaved = snap.hasTag('form') && hasAnswers(snap.context);
  return (
    <SessionFrame title={title} screen={screenName(snap)} onBack={snap.can({ type: 'PREV' }) ? back : undefined} onHome={() => flow.send({ type: 'LEAVE', to: 'home' })} unsaved={unsaved}>
      <div class="service" data-testid="service" data-state={state}>
        <StepIndicator snap={snap} />
        {showWho && (
          <div class="service__who">
            <WhoCard card={snap.context.card!} />
          </div>
        )}
        {identify ? <IdentifyPanel flow={identify} onLeave={back} /> : <Body flow={flow} snap={snap} item={item} />}
      </div>
      {snap.matches('leaving') && <ConfirmDiscard kind="leave" onStay={() => flow.send({ type: 'STAY' })} onDiscard={() => flow.send({ type: 'CONFIRM_LEAVE' })} />}
    </SessionFrame>
  );
}

/** "Step n of N" over the whole journey (card, consent, questions, materials, delivery, check, result). */
function StepIndicator({ snap }: { snap: Snap }) {
  const { t } = useKiosk();
  const identify = snap.matches('identify') ? snap.children.identify : undefined;
  const identifyState = useIdentifyState(identify);
  const at = stepCount(snap.context, typeof snap.value === 'string' ? snap.value : Object.keys(snap.value)[0]!, snap.context.page, identifyState);
  if (!at) return null;
  return (
    <p class="muted step-indicator" data-testid="journey-step" data-step={at.step} data-steps={at.steps}>
      {t('journey.step', at)}
    </p>
  );
}

/** The identify child's top state, re-rendered as it changes (reader → consent). */
function useIdentifyState(identify: Snap['children']['identify']): string | undefined {
  const [value, setValue] = useState<string | undefined>(() => topState(identify?.getSnapshot().value));
  useEffect(() => {
    setValue(topState(identify?.getSnapshot().value));
    const sub = identify?.subscribe((s) => setValue(topState(s.value)));
    return () => sub?.unsubscribe();
  }, [identify]);
  return value;
}
const topState = (value: unknown): string | undefined => (value === undefined ? undefined : typeof value === 'string' ? value : Object.keys(value as object)[0]);

/** The voice prompt and test hook per step. */
function screenName(snap: Snap): VoiceScreen {
  if (snap.matches('identify')) return 'identify';
  if (snap.matches('questions')) return 'questions';
  if (snap.matches('materials')) return 'materials';
  if (snap.matches('delivery')) return 'delivery';
  if (snap.matches('check')) return 'check';
  if (snap.matches('accepted')) return 'accepted';
  if (snap.matches('precheckResult')) return 'precheckResult';
  if (snap.matches('preview')) return 'recordsPreview';
  return 'service';
}

function Body({ flow, snap, item }: { flow: Service; snap: Snap; item: CatalogItem }) {
  const { t, system } = useKiosk();
  const c = snap.context;
  if (snap.matches('declined')) {
    return (
      <div class="panel" data-testid="declined">
        <p>{t('service.declined')}</p>
        <button type="button" class="btn btn--primary btn--large" onClick={() => flow.send({ type: 'FINISH' })}>
          {t('service.finish')}
        </button>
      </div>
    );
  }
  if (snap.matches('questions')) return <Questions flow={flow} snap={snap} />;
  if (snap.matches('materials')) return <Materials flow={flow} snap={snap} item={item} />;
  if (snap.matches('delivery')) return <Delivery flow={flow} snap={snap} />;
  if (snap.matches('check')) return <Check flow={flow} snap={snap} item={item} />;
  if (snap.matches('submitting')) return <p role="status">{t('service.submitting')}</p>;
  if (snap.matches('submitFailed') && c.openCase) return <OpenCasePanel open={c.openCase} onRepeat={() => flow.send({ type: 'REPEAT' })} />;
  if (snap.matches('submitFailed')) {
    // Only refused answers may change: after a lost answer the resend must be the same application.
    const refused = contentRefused(c.error);
    return (
      <FailedRequest
        message={refused ? t('service.refused', { reason: c.error ?? '' }) : t('service.submitFailed', { reason: c.error ?? '', phone: system.site.phones.center })}
        onRetry={() => flow.send({ type: 'RETRY' })}
        onChange={refused ? () => flow.send({ type: 'CHANGE', section: 'questions' }) : undefined}
        changeLabel={t('service.change')}
      />
    );
  }
  if (snap.matches('accepted')) return <Accepted flow={flow} snap={snap} item={item} />;
  if (snap.matches('evaluating')) return <p role="status">{t('service.evaluating')}</p>;
  if (snap.matches('precheckFailed')) {
    return (
      <FailedRequest
        testId="precheck-failed"
        message={t('precheck.failed', { reason: c.error ?? '' })}
        onRetry={() => flow.send({ type: 'RETRY' })}
        onChange={() => flow.send({ type: 'CHANGE', section: 'questions' })}
        changeLabel={t('precheck.change')}
      />
    );
  }
  if (snap.matches('precheckResult')) return <PrecheckResult flow={flow} snap={snap} item={item} />;
  if (snap.matches('fetching')) return <p role="status">{t('records.fetching')}</p>;
  if (snap.matches('noRecords') || snap.matches('fetchFailed')) {
    return (
      <div class="panel">
        <p role="alert" data-testid={snap.matches('noRecords') ? 'no-records' : 'fetch-failed'}>
          {snap.matches('noRecords') ? t('records.none', { phone: system.site.phones.consultation }) : t('records.failed', { reason: c.error ?? '' })}
        </p>
        <div class="actions">
          {snap.matches('fetchFailed') && (
            <button type="button" class="btn btn--secondary btn--large" onClick={() => flow.send({ type: 'RETRY' })}>
              {t('service.retry')}
            </button>
          )}
          <button type="button" class="btn btn--primary btn--large" onClick={() => flow.send({ type: 'FINISH' })}>
            {t('service.finish')}
          </button>
        </div>
      </div>
    );
  }
  if (snap.matches('preview')) return <RecordsPreview flow={flow} snap={snap} />;
  return null;
}

function Questions({ flow, snap }: { flow: Service; snap: Snap }) {
  const { t, pick } = useKiosk();
  const c = snap.context;
  const problemText = (f: AskedField, value: Snap['context']['answers'][string] | undefined) => {
    const p = fieldProblem(f, value);
    return t(p.key, p.params);
  };
  // A pre-check sends nothing: a catalog help that promises a text message is not shown there.
  const helpOf = (f: AskedField) => (c.mode === 'precheck' && f.kind === 'phone' ? t('precheck.phoneHelp') : f.help ? pick(f.help) : undefined);
  const pages = paginate(c.fields, c.perPage);
  const page = pages[c.page] ?? [];
  return (
    <div data-testid="questions" data-page={c.page}>
      {/* The step's questions a screen at a time when they do not all fit (elder mode turned on mid-form, a short screen); the first unanswered one is brought into view. */}
      <PagedBlocks
        resetKey={`questions-${c.page}`}
        focus={page.findIndex((f) => c.missing.includes(f.id))}
        wrap={(shown) => <div class="question-list">{shown}</div>}
        blocks={page.map((f) => (
          <fieldset key={f.id} class={`question${c.missing.includes(f.id) ? ' question--missing' : ''}`} data-field={f.id}>
            <legend class="question__label">
              {pick(f.label)}
              {!f.required && <span class="muted"> {t('service.optional')}</span>}
            </legend>
            {helpOf(f) && <p class="muted">{helpOf(f)}</p>}
            <FieldInput field={f} value={c.answers[f.id]} today={c.today} onChange={(value) => flow.send({ type: 'ANSWER', fieldId: f.id, value })} />
            {c.missing.includes(f.id) && (
              <p role="alert" class="question__problem" data-testid="field-problem">
                {problemText(f, c.answers[f.id])}
              </p>
            )}
          </fieldset>
        ))}
      />
      <StepNav flow={flow} canPrev={c.page > 0} nextLabel={c.returnToCheck && c.page === pages.length - 1 ? t('service.backToCheck') : t('service.next')} />
    </div>
  );
}

function StepNav({ flow, canPrev, nextLabel, nextDisabled }: { flow: Service; canPrev: boolean; nextLabel: string; nextDisabled?: boolean }) {
  const { t } = useKiosk();
  return (
    <div class="actions actions--steps">
      {canPrev && (
        <button type="button" class="btn btn--secondary btn--large" data-testid="step-prev" onClick={() => flow.send({ type: 'PREV' })}>
          ‹ {t('service.prev')}
        </button>
      )}
      <button type="button" class="btn btn--primary btn--large" data-testid="step-next" disabled={nextDisabled} onClick={() => flow.send({ type: 'NEXT' })}>
        {nextLabel} ›
      </button>
    </div>
  );
}

const CHOICES: MaterialChoice[] = ['have', 'later', 'post'];

function Materials({ flow, snap, item }: { flow: Service; snap: Snap; item: CatalogItem }) {
  const { t, pick } = useKiosk();
  const c = snap.context;
  const materials = c.materials.map((id) => item.materials.find((m) => m.id === id)!).filter(Boolean);
  const choices = (required: boolean): MaterialChoice[] => {
    const base = c.mode === 'apply' ? CHOICES : (['have', 'later'] as MaterialChoice[]);
    return required ? base : [...base, 'notNeeded'];
  };
  const done = c.materials.every((m) => c.provided[m] !== undefined);
  return (
    <div data-testid="materials">
      <p>{t(c.mode === 'apply' ? 'materials.ask' : 'materials.askPrecheck')}</p>
      <p class="muted" data-testid="no-scan">
        {t('materials.noScan')}
      </p>
      <PagedBlocks
        blocks={materials.map((m) => (
          <fieldset key={m.id} class="question" data-material={m.id}>
            <legend class="question__label">
              {pick(m.name)}
              <span class="muted"> {t('materials.counts', { originals: m.originals, copies: m.copies })}</span>
            </legend>
            {m.note && <p class="muted">{pick(m.note)}</p>}
            <div class="choices">
              {choices(m.required).map((ch) => (
                <button
                  key={ch}
                  type="button"
                  class="btn btn--choice"
                  aria-pressed={c.provided[m.id] === ch}
                  data-choice={ch}
                  onClick={() => flow.send({ type: 'PROVIDE', materialId: m.id, choice: ch })}
                >
                  {t(`materials.${c.mode === 'precheck' && ch === 'later' ? 'missing' : ch}`)}
                </button>
              ))}
            </div>
          </fieldset>
        ))}
        wrap={(shown) => <div class="materials-choices">{shown}</div>}
        resetKey="materials"
      />
      <StepNav flow={flow} canPrev={c.fields.length > 0} nextLabel={c.returnToCheck ? t('service.backToCheck') : t('service.next')} nextDisabled={!done} />
    </div>
  );
}

function Delivery({ flow, snap }: { flow: Service; snap: Snap }) {
  const { t } = useKiosk();
  const c = snap.context;
  const address = (c.card as { maskedAddress?: string } | undefined)?.maskedAddress;
  return (
    <div data-testid="delivery">
      <p>{t('delivery.ask')}</p>
      <div class="choices choices--column">
        {c.delivery.map((m: DeliveryChoice) => {
          const blocked = m === 'post' && !address;
          return (
            <button
              key={m}
              type="button"
              class="btn btn--choice btn--large"
              aria-pressed={c.deliveryChoice === m}
              data-delivery={m}
              disabled={blocked}
              onClick={() => flow.send({ type: 'DELIVERY', method: m })}
            >
              {t(`delivery.${m}`)}
              {blocked && <span class="list__note">{t('delivery.postNoAddress')}</span>}
            </button>
          );
        })}
      </div>
      {c.deliveryChoice === 'post' && address && (
        <p class="panel" data-testid="post-address">
          {t('delivery.postTo', { address })}
        </p>
      )}
      <StepNav flow={flow} canPrev nextLabel={c.returnToCheck ? t('service.backToCheck') : t('service.next')} nextDisabled={!c.deliveryChoice} />
    </div>
  );
}

function Check({ flow, snap, item }: { flow: Service; snap: Snap; item: CatalogItem }) {
  const { t, pick, locale } = useKiosk();
  const c = snap.context;
  const card = c.card as (typeof c.card & { maskedAddress?: string }) | undefined;
  const prefilled = item.terminal.mode === 'apply' || item.terminal.mode === 'precheck' ? item.terminal.fields.filter((f) => f.kind === 'prefilled') : [];
  const pages = paginate(c.fields, c.perPage);
  const pageOf = (f: AskedField) => pages.findIndex((p) => p.includes(f));
  return (
    <div data-testid="check">
      <p>{t(c.mode === 'apply' ? 'check.intro' : 'check.introPrecheck')}</p>
      <PagedBlocks
        blocks={[
          ...prefilled.map((f) => (
            <dl class="facts__row" key={f.id}>
              <dt>{pick(f.label)}</dt>
              <dd>
                {f.kind === 'prefilled' && f.source === 'name'
                  ? card?.maskedName
                  : f.kind === 'prefilled' && f.source === 'idNumber'
                    ? card?.maskedIdNumber
                    : (card?.maskedAddress ?? t('check.noAddress'))}
                <span class="muted"> {t('check.fromCard')}</span>
              </dd>
            </dl>
          )),
          ...c.fields.map((f) => (
            <dl class="facts__row" key={f.id} data-answer={f.id}>
              <dt>{pick(f.label)}</dt>
              <dd>
                {answerText(f, c.answers[f.id], pick, t, locale)}
                <button type="button" class="btn btn--link" data-testid={`change-${f.id}`} onClick={() => flow.send({ type: 'CHANGE', section: 'questions', page: pageOf(f) })}>
                  {t('check.change')}
                </button>
              </dd>
            </dl>
          )),
          c.materials.length > 0 && (
            <dl class="facts__row" key="materials">
              <dt>{t('check.materials')}</dt>
              <dd>
                <ul class="plain">
                  {c.materials.map((id) => {
                    const m = item.materials.find((x) => x.id === id);
                    const ch = c.provided[id];
                    return (
                      <li key={id}>
                        {m ? pick(m.name) : id}: {ch ? t(`materials.${c.mode === 'precheck' && ch === 'later' ? 'missing' : ch}`) : ''}
                      </li>
                    );
                  })}
                </ul>
                <button type="button" class="btn btn--link" data-testid="change-materials" onClick={() => flow.send({ type: 'CHANGE', section: 'materials' })}>
                  {t('check.change')}
                </button>
              </dd>
            </dl>
          ),
          c.mode === 'apply' && (
            <dl class="facts__row" key="delivery">
              <dt>{t('check.delivery')}</dt>
              <dd>
                {t(`delivery.${c.deliveryChoice ?? 'pickup'}`)}
                {c.deliveryChoice === 'post' && card?.maskedAddress ? ` (${card.maskedAddress})` : ''}
                {c.delivery.length > 1 && (
                  <button type="button" class="btn btn--link" data-testid="change-delivery" onClick={() => flow.send({ type: 'CHANGE', section: 'delivery' })}>
                    {t('check.change')}
                  </button>
                )}
              </dd>
            </dl>
          ),
        ].filter((b): b is VNode => Boolean(b))}
        wrap={(shown) => <div class="facts check">{shown}</div>}
        resetKey="check"
      />
      {c.mode === 'apply' && <PrinterNotice ending="receipt" />}
      <button type="button" class="btn btn--primary btn--large" data-testid="submit" onClick={() => flow.send({ type: 'SUBMIT' })}>
        {t(c.mode === 'apply' ? 'check.submit' : 'check.runPrecheck')}
      </button>
    </div>
  );
}

/** Print failures that come from the printer's state, which the device events say has cleared. */
const DEVICE_CONDITIONS: ReadonlySet<string> = new Set(['paperOut', 'coverOpen', 'offline', 'noDevice', 'transportLost']);

function PrintStatus({
  snap,
  printing,
  failed,
  printed,
  onPrint,
  kind,
}: {
  snap: Snap;
  printing: boolean;
  failed: boolean;
  printed: boolean;
  onPrint: () => void;
  kind: 'receipt' | 'precheck' | 'records';
}) {
  const { t, devices } = useKiosk();
  const blocker = printerBlocker(devices.printer);
  return (
    <div class="print-status" data-testid="print-status" data-printing={printing} data-printed={printed} data-failed={failed}>
      {printing && <p role="status">{t(`print.${kind}.printing`)}</p>}
      {printed && (
        <p role="status" data-testid="printed">
          {t(`print.${kind}.printed`)}
        </p>
      )}
      {failed && (
        <p role="alert" data-testid="print-failed">
          {/* A device condition that has cleared since (paper reloaded) is not reported as if it still held. */}
          {t(`print.${kind}.failed`, { reason: t(blocker === null && DEVICE_CONDITIONS.has(snap.context.printError ?? '') ? 'printing.recovered' : printErrorKey(snap.context.printError)) })}
        </p>
      )}
      {(failed || (kind !== 'receipt' && !printing)) && (
        <button type="button" class="btn btn--primary btn--large" data-testid="print" disabled={blocker !== null} onClick={onPrint}>
          {failed ? t('print.again') : printed ? t('print.another') : t(`print.${kind}.start`)}
          {blocker && <span class="list__note">{t(blocker)}</span>}
        </button>
      )}
      {failed && <CallStaffButton />}
    </div>
  );
}

function Accepted({ flow, snap, item }: { flow: Service; snap: Snap; item: CatalogItem }) {
  const { t, system, pick } = useKiosk();
  const a = snap.context.accepted!;
  const failed = snap.matches({ accepted: 'printFailed' });
  const later = snap.context.materials.flatMap((id) => {
    const how = snap.context.provided[id];
    return how === 'later' || how === 'post' ? [{ id, how }] : [];
  });
  return (
    <div class="panel accepted" data-testid="accepted">
      <div class="accepted__content">
        <h2>{t('accepted.title')}</h2>
        <dl class="facts">
          <div class="facts__row">
            <dt>{t('accepted.caseNo')}</dt>
            <dd class="case-no" data-testid="case-no">
              {a.caseNo}
            </dd>
          </div>
          {a.promisedDate ? (
            <div class="facts__row">
              <dt>{a.provisional ? t('accepted.promisedProvisional') : t('accepted.promised')}</dt>
              <dd data-testid="promised-date">
                {a.promisedDate}
                {a.provisional && <span class="muted"> {t('accepted.provisionalNote')}</span>}
              </dd>
            </div>
          ) : (
            // The item promises no fixed date (按批次制发 …): its time limit in words, as the receipt prints it.
            <div class="facts__row">
              <dt>{t('accepted.timeLimit')}</dt>
              <dd data-testid="promised-date" lang="zh-CN">
                {item.timeLimit.promisedText}
              </dd>
            </div>
          )}
        </dl>
        <p>{t('accepted.next', { phone: system.site.phones.consultation })}</p>
        {later.length > 0 && (
          <div>
            <h3>{t('accepted.toProvide')}</h3>
            <ul class="plain" data-testid="to-provide">
              {later.map(({ id, how }) => {
                const m = item.materials.find((x) => x.id === id);
                return (
                  <li key={id}>
                    {m ? pick(m.name) : id} · {t(`materials.${how}`)}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
      </div>
      {/* In landscape the receipt's printing and 完成 stand beside what was accepted, on screen whatever its length. */}
      <div class="accepted__actions">
        <PrintStatus
          snap={snap}
          kind="receipt"
          printing={snap.matches({ accepted: 'printing' })}
          printed={snap.matches({ accepted: 'printed' })}
          failed={failed}
          onPrint={() => flow.send({ type: 'PRINT' })}
        />
        {failed && (
          <div class="photo-this" data-testid="photo-this">
            <p>{t('accepted.photograph')}</p>
            <ScreenQr text={system.links.progressUrlTemplate.replace('{caseNo}', encodeURIComponent(a.caseNo))} label={t('accepted.progressQr')} />
          </div>
        )}
        <button type="button" class="btn btn--secondary btn--large" data-testid="finish" onClick={() => flow.send({ type: 'FINISH' })}>
          {t('service.finish')}
        </button>
      </div>
    </div>
  );
}

function PrecheckResult({ flow, snap, item }: { flow: Service; snap: Snap; item: CatalogItem }) {
  const { t, pick, system } = useKiosk();
  // The daemon's judgement, with the words of the rules that failed and of the materials still to bring.
  const r = snap.context.eligibility!;
  return (
    <div class="panel" data-testid="precheck-result" data-outcome={r.outcome}>
      <h2>{t(`precheck.${r.outcome}`)}</h2>
      <p class="muted">{t('precheck.advisory')}</p>
      {r.reasons.length > 0 && (
        <ul class="plain" data-testid="precheck-reasons">
          {r.reasons.map((x, i) => (
            <li key={i}>{pick(x)}</li>
          ))}
        </ul>
      )}
      {r.missingMaterials.length > 0 && (
        <>
          <h3>{t('precheck.missing')}</h3>
          <ul class="plain" data-testid="precheck-missing">
            {r.missingMaterials.map((m, i) => (
              <li key={i}>{pick(m)}</li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('precheck.where')}</h3>
      <ul class="plain">
        {windowPlaces(item.where, system.site).map((w, i) => (
          <li key={i} lang="zh-CN">
            {[w.place, w.address, w.hours].filter(Boolean).join(' · ')}
          </li>
        ))}
      </ul>
      <p class="muted">{t('precheck.noBooking')}</p>
      <PrintStatus
        snap={snap}
        kind="precheck"
        printing={snap.matches({ precheckResult: 'printing' })}
        printed={snap.matches({ precheckResult: 'printed' })}
        failed={Boolean(snap.context.printError) && snap.matches({ precheckResult: 'shown' })}
        onPrint={() => flow.send({ type: 'PRINT' })}
      />
      <div class="actions">
        <button type="button" class="btn btn--secondary btn--large" onClick={() => flow.send({ type: 'CHANGE', section: 'questions' })}>
          {t('precheck.change')}
        </button>
        <button type="button" class="btn btn--secondary btn--large" data-testid="finish" onClick={() => flow.send({ type: 'FINISH' })}>
          {t('service.finish')}
        </button>
      </div>
    </div>
  );
}

/**
 * The record as the public screen may show it: the summary by default, the
 * rows (employer, contribution base …) in its place when the resident asks.
 * Either is shown a page at a time (components/paged-blocks.tsx), so 打印 and
 * 完成 stay on screen under a table of any length; in landscape they stand beside it,
 * with the details' switch.
 */
function RecordsPreview({ flow, snap }: { flow: Service; snap: Snap }) {
  const { t, locale } = useKiosk();
  const [details, setDetails] = useState(false);
  const r = snap.context.records!;
  const pickL = (x: { zh: string; en: string }) => (locale === 'en' ? x.en : x.zh);
  return (
    <div class="panel records-preview" data-testid="records-preview">
      <div class="records-preview__content">
        <h2>{pickL(r.title)}</h2>
        <p>
          {r.holder.maskedName} · {r.holder.maskedIdNumber} · {t('records.asOf', { date: r.asOf })}
        </p>
        <div id="records-content" class="records-preview__paged">
          {details ? <RecordRows records={r} pick={pickL} /> : <RecordSummary records={r} pick={pickL} />}
        </div>
      </div>
      <div class="records-preview__actions">
        {r.rows.length > 0 && (
          <button type="button" class="btn btn--secondary" data-testid="records-details" aria-expanded={details} aria-controls="records-content" onClick={() => setDetails(!details)}>
            {details ? t('records.hideDetails') : t('records.showDetails')}
          </button>
        )}
        {/* Said before the rows are opened, when it can still be acted on. */}
        {!details && r.rows.length > 0 && <p class="muted">{t('records.detailsHint')}</p>}
        <PrintStatus
          snap={snap}
          kind="records"
          printing={snap.matches({ preview: 'printing' })}
          printed={snap.matches({ preview: 'printed' })}
          failed={Boolean(snap.context.printError) && snap.matches({ preview: 'shown' })}
          onPrint={() => flow.send({ type: 'PRINT' })}
        />
        <button type="button" class="btn btn--secondary btn--large" data-testid="finish" onClick={() => flow.send({ type: 'FINISH' })}>
          {t('service.finish')}
        </button>
      </div>
    </div>
  );
}

type RecordsProps = { records: NonNullable<Snap['context']['records']>; pick: (x: { zh: string; en: string }) => string };

function RecordSummary({ records: r, pick: pickL }: RecordsProps) {
  const blocks = r.summary.map((s) => (
    <dl class="facts__row" key={s.key}>
      <dt>{pickL(s)}</dt>
      <dd>{s.value}</dd>
    </dl>
  ));
  return <PagedBlocks blocks={blocks} wrap={(shown) => <div class="facts">{shown}</div>} resetKey="summary" />;
}

/** Every row of the record, a page at a time under the table's head. */
function RecordRows({ records: r, pick: pickL }: RecordsProps) {
  const blocks = r.rows.map((row, i) => (
    <tr key={i}>
      {r.columns.map((col) => (
        <td key={col.key}>{row[col.key] ?? ''}</td>
      ))}
    </tr>
  ));
  const wrap = (shown: VNode[]) => (
    <table class="records" data-testid="records-table">
      <thead>
        <tr>
          {r.columns.map((col) => (
            <th key={col.key} scope="col">
              {pickL(col)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{shown}</tbody>
    </table>
  );
  return <PagedBlocks blocks={blocks} wrap={wrap} resetKey="rows" />;
}
