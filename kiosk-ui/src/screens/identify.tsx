import { useEffect } from 'preact/hooks';
import { AssistedNotice } from '../staff-panel/assisted-notice';
import type { ActorRefFrom } from 'xstate';
import type { identifyMachine } from '../../../state-machines/flows/identify-machine';
import type { CardSummary } from '../../../contract/api/card';
import { useKiosk } from '../kiosk-context';
import { CallStaffButton } from '../components/call-staff-button';
import { useActorSnapshot } from '../hooks';
import { speak } from '../voice';
import type { MessageKey } from '../i18n';
import { PagedBlocks } from '../components/paged-blocks';
import '../styles/service.css';

type Identify = ActorRefFrom<typeof identifyMachine>;
type ConsentPurpose = NonNullable<ReturnType<Identify['getSnapshot']>['context']['consent']>;

const FAILURE_KEYS: Record<string, MessageKey> = {
  noCard: 'identify.error.noCard',
  timeout: 'identify.error.noCard',
  cardRemoved: 'identify.error.cardRemoved',
  cardUnreadable: 'identify.error.cardUnreadable',
  busy: 'identify.error.busy',
  cancelled: 'identify.error.noCard',
};

/** 实名: where the card goes, what went wrong and what to do, consent. The reader reads only while the machine waits for a card. */
export function IdentifyPanel({ flow, onLeave }: { flow: Identify; onLeave: () => void }) {
  const { t, locale, session, system } = useKiosk();
  const snap = useActorSnapshot(flow);
  const voice = session.getSnapshot().context.voice;

  // The session learns of every card read here: the reminder to take it, and the elder-mode offer by the holder's age.
  useEffect(
    () =>
      flow.subscribe((s) => {
        const card = s.context.card;
        if (card && (s.matches('read') || s.matches('expired') || s.matches('verified') || s.matches('consent') || s.matches('identified'))) {
          session.send({ type: 'CARD_READ', ...(card.expired ? {} : { age: card.age }) });
        }
      }).unsubscribe,
    [flow],
  );
  const state = typeof snap.value === 'string' ? snap.value : snap.value.reader;
  const error = snap.context.error;
  const failureKey = error ? (FAILURE_KEYS[error] ?? 'identify.error.other') : undefined;
  // Spoken prompts for the failures (the screen's own prompt is spoken by SessionFrame).
  useEffect(() => {
    if (!voice) return;
    if (state === 'failed' && failureKey) speak(`voice.${failureKey}`, t(failureKey), locale);
    if (state === 'expired') speak('voice.identify.expired', t('identify.expired.title'), locale);
  }, [state, failureKey, voice]);

  if (state === 'waiting' || state === 'reading') {
    return (
      <div class="identify" data-testid="identify" data-state={state}>
        <div class={`card-slot${state === 'reading' ? ' card-slot--reading' : ''}`} aria-hidden="true">
          <div class="card-slot__reader">
            <span class="card-slot__waves" />
          </div>
          <div class="card-slot__card" />
        </div>
        <p class="identify__prompt" role="status" aria-live="polite">
          {state === 'reading' ? t('identify.reading') : t('identify.place')}
        </p>
        <p class="muted">{t('identify.accepted')}</p>
        {snap.context.attempts > 2 && <p class="muted">{t('identify.helpHint', { phone: system.site.phones.center })}</p>}
      </div>
    );
  }
  if (state === 'failed') {
    return (
      <div class="identify" data-testid="identify" data-state="failed">
        <p role="alert" class="identify__problem" data-testid="identify-error" data-code={error}>
          {t(failureKey!)}
        </p>
        <div class="actions">
          <button type="button" class="btn btn--primary btn--large" data-testid="identify-retry" onClick={() => flow.send({ type: 'RETRY' })}>
            {t('identify.retry')}
          </button>
          <CallStaffButton />
        </div>
      </div>
    );
  }
  if (state === 'expired') {
    const card = snap.context.card;
    return (
      <div class="identify" data-testid="identify" data-state="expired">
        <p role="alert" class="identify__problem" data-testid="identify-expired">
          {t('identify.expired.title')}
        </p>
        {/* Each kind of card is renewed by its own office: 派出所, or 出入境 for permits and foreigners' cards. */}
        <p data-testid="identify-expired-where">{t(`identify.expired.body.${card?.kind ?? 'resident'}`, { date: card?.validTo ?? '' })}</p>
        <button type="button" class="btn btn--primary btn--large" data-testid="identify-retry" onClick={() => flow.send({ type: 'RETRY' })}>
          {t('identify.anotherCard')}
        </button>
      </div>
    );
  }
  if (state === 'unavailable') {
    return (
      <div class="identify" data-testid="identify" data-state="unavailable">
        <p role="alert" class="identify__problem" data-testid="identify-unavailable">
          {t('identify.unavailable.title')}
        </p>
        <p>{t('identify.unavailable.body', { phone: system.site.phones.center })}</p>
        <div class="actions">
          <button type="button" class="btn btn--secondary btn--large" onClick={() => flow.send({ type: 'RETRY' })}>
            {t('identify.retry')}
          </button>
          <button type="button" class="btn btn--primary btn--large" data-testid="identify-leave" onClick={onLeave}>
            {t('identify.unavailable.back')}
          </button>
          <CallStaffButton />
        </div>
      </div>
    );
  }
  if (state === 'face' || state === 'faceFailed') {
    return (
      <div class="identify" data-testid="identify" data-state={state}>
        <p role="status">{state === 'face' ? t('identify.face.looking') : t('identify.face.failed')}</p>
        {state === 'faceFailed' && (
          <div class="actions">
            <button type="button" class="btn btn--secondary btn--large" onClick={() => flow.send({ type: 'RETRY' })}>
              {t('identify.retry')}
            </button>
            <button type="button" class="btn btn--primary btn--large" onClick={() => flow.send({ type: 'FACE_SKIP' })}>
              {t('identify.face.skip')}
            </button>
          </div>
        )}
      </div>
    );
  }
  if (state === 'consent' || state === 'recordingConsent') {
    const purpose = snap.context.consent ?? 'apply';
    const recording = state === 'recordingConsent';
    return (
      <div class="identify consent" data-testid="consent" data-state={state}>
        <div class="consent__who">
          {snap.context.card && <WhoCard card={snap.context.card} />}
          <h2>{t('consent.title')}</h2>
          <AssistedNotice />
        </div>
        <div class="consent__facts">
          <ConsentFacts purpose={purpose} />
          {state === 'consent' && error && (
            <p role="alert" class="identify__problem" data-testid="consent-error" data-code={error}>
              {t('consent.notRecorded')}
            </p>
          )}
          <div class="actions">
            <button type="button" class="btn btn--secondary btn--large" data-testid="consent-decline" onClick={() => flow.send({ type: 'DECLINE' })}>
              {t('consent.decline')}
            </button>
            <button type="button" class="btn btn--primary btn--large" data-testid="consent-accept" disabled={recording} aria-busy={recording} onClick={() => flow.send({ type: 'ACCEPT' })}>
              {t('consent.accept')}
            </button>
          </div>
        </div>
      </div>
    );
  }
  return null;
}

/**
 * What consent covers, a page at a time (components/paged-blocks.tsx) when the
 * screen is short (guided hint, assisted notice, large type): 同意 and 不同意
 * stay on screen under it, never below a box to scroll.
 */
function ConsentFacts({ purpose }: { purpose: ConsentPurpose }) {
  const { t, system } = useKiosk();
  const fact = (term: string, value: string) => (
    <dl key={term} class="facts__row">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </dl>
  );
  const blocks = [
    fact(t('consent.purpose'), t(`consent.purpose.${purpose}`)),
    fact(t('consent.kept'), t(`consent.kept.${purpose}`, { days: system.privacy.retentionDays })),
    fact(t('consent.notKept'), t('consent.notKept.body')),
  ];
  return <PagedBlocks blocks={blocks} wrap={(shown) => <div class="facts">{shown}</div>} resetKey={purpose} />;
}

/** The identified person as the public screen may show them: masked, no photo at full size. */
export function WhoCard({ card }: { card: CardSummary }) {
  const { t } = useKiosk();
  return (
    <div class="who" data-testid="who">
      <span class="who__photo" aria-hidden="true" />
      <div>
        <div class="who__name" data-testid="who-name">
          {card.maskedName}
          {card.maskedEnglishName ? ` ${card.maskedEnglishName}` : ''}
        </div>
        <div class="who__id" data-testid="who-id">
          {t(`identify.kind.${card.kind}`)} {card.maskedIdNumber}
        </div>
      </div>
    </div>
  );
}
