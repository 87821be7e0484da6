import type { ActorRefFrom } from 'xstate';
import type { serviceEvaluationMachine } from '../../../state-machines/flows/service-evaluation-machine';
import { useKiosk } from '../kiosk-context';
import { useActorSnapshot } from '../hooks';
import { SessionFrame } from '../components/nav';
import { ScreenQr } from '../components/screen-qr';
import { DigitPad } from '../components/digit-pad';
import { POOR_REASONS } from '../flows/evaluate';
import face1 from '../../../assets/icons/eval/face-1.svg?raw';
import face2 from '../../../assets/icons/eval/face-2.svg?raw';
import face3 from '../../../assets/icons/eval/face-3.svg?raw';
import face4 from '../../../assets/icons/eval/face-4.svg?raw';
import face5 from '../../../assets/icons/eval/face-5.svg?raw';
import '../styles/service.css';
import '../styles/evaluation.css';

type Flow = ActorRefFrom<typeof serviceEvaluationMachine>;
const LEVELS = [5, 4, 3, 2, 1] as const;
/** The five faces, shipped as SVG (assets/icons/eval): never emoji or font glyphs, which render as boxes where the font lacks them. */
const FACES: Record<number, string> = { 5: face5, 4: face4, 3: face3, 2: face2, 1: face1 };

/**
 * 好差评 of one service event: the five levels (face + words, never colour
 * alone) beside the event's QR (the same one the evaluation device shows),
 * 跳过; after a 差评 the reasons and an optional call-back phone.
 */
export function ServiceEvaluationScreen({ flow, onHome }: { flow: Flow; onHome: () => void }) {
  const { t } = useKiosk();
  const snap = useActorSnapshot(flow);
  const back = snap.matches('reasons') && snap.can({ type: 'PREV' }) ? () => flow.send({ type: 'PREV' }) : undefined;
  return (
    <SessionFrame title={t('evaluate.title')} screen={snap.matches('rating') ? 'evaluate' : 'evaluateStep'} onBack={back} onHome={onHome}>
      <div class="evaluation" data-testid="service-evaluation" data-state={JSON.stringify(snap.value)}>
        {snap.matches('inviting') && <p role="status">{t('evaluation.inviting')}</p>}
        {snap.matches('rating') && <RatingStep flow={flow} />}
        {snap.matches('reasons') && <ReasonsStep flow={flow} />}
        {snap.matches('submitting') && <p role="status">{t('service.submitting')}</p>}
        {snap.matches('failed') && (
          <div class="panel" role="alert">
            <p>{t('evaluate.failed', { reason: snap.context.error ?? '' })}</p>
            <div class="actions">
              <button type="button" class="btn btn--primary btn--large" data-testid="retry" onClick={() => flow.send({ type: 'RETRY' })}>
                {t('evaluation.retry')}
              </button>
              <button type="button" class="btn btn--secondary btn--large" data-testid="skip" onClick={() => flow.send({ type: 'SKIP' })}>
                {t('evaluation.skip')}
              </button>
            </div>
          </div>
        )}
        {(snap.matches('thanks') || snap.matches('rated')) && <Outcome flow={flow} />}
      </div>
    </SessionFrame>
  );
}

function RatingStep({ flow }: { flow: Flow }) {
  const { t } = useKiosk();
  const c = useActorSnapshot(flow).context;
  const inv = c.invitation!;
  return (
    <div class="evaluation__rating">
      <div class="evaluation__ask">
        {c.caseNo && (
          <p data-testid="evaluation-case">
            {t('evaluation.case')} <strong>{c.caseNo}</strong>
          </p>
        )}
        <p>{t('evaluate.ask')}</p>
        <div class="levels levels--evaluation">
          {LEVELS.map((l) => (
            <button key={l} type="button" class={`level level--${l}`} data-level={l} onClick={() => flow.send({ type: 'RATE', level: l })}>
              <span class="level__face" aria-hidden="true" dangerouslySetInnerHTML={{ __html: FACES[l]! }} />
              <span class="level__label">{t(`evaluate.level.${l}`)}</span>
            </button>
          ))}
        </div>
        <button type="button" class="btn btn--secondary btn--large" data-testid="skip" onClick={() => flow.send({ type: 'SKIP' })}>
          {t('evaluation.skip')}
        </button>
      </div>
      <div class="evaluation__qr" data-device={inv.device.state}>
        <ScreenQr text={inv.url} label={t('evaluation.qr')} />
        {inv.device.rates && inv.device.state === 'online' && <p class="muted">{t('evaluation.device')}</p>}
        <p class="muted">{t('evaluate.anonymous')}</p>
      </div>
    </div>
  );
}

function ReasonsStep({ flow }: { flow: Flow }) {
  const { t } = useKiosk();
  const c = useActorSnapshot(flow).context;
  const phoneOk = c.phone === '' || /^1[3-9]\d{9}$/.test(c.phone);
  return (
    // Flat, so the layout can place the action row under the reasons in landscape and after the phone pad in portrait.
    <div class="evaluation__reasons">
      <p class="evaluation__why">
        <strong>{t(`evaluate.level.${(c.level ?? 1) as 1 | 2 | 3 | 4 | 5}`)}</strong> · {t('evaluate.why')}
      </p>
      <div class="choices choices--column evaluation__reason-list">
        {POOR_REASONS.map((r) => (
          <button key={r} type="button" class="btn btn--choice" data-reason={r} aria-pressed={c.reasons.includes(r)} onClick={() => flow.send({ type: 'TOGGLE_REASON', code: r })}>
            {t(`evaluate.reason.${r}`)}
          </button>
        ))}
      </div>
      <div class="evaluation__phone">
        <p>{t('evaluation.phoneAsk')}</p>
        <DigitPad value={c.phone} maxLength={11} label={t('evaluation.phone')} onChange={(v) => flow.send({ type: 'TYPE_PHONE', phone: v })} />
        {!phoneOk && <p role="alert">{t('evaluation.phoneIncomplete')}</p>}
      </div>
      <div class="actions evaluation__actions">
        <button type="button" class="btn btn--secondary btn--large" data-testid="skip" onClick={() => flow.send({ type: 'SKIP' })}>
          {t('evaluation.skip')}
        </button>
        <button type="button" class="btn btn--primary btn--large" data-testid="submit" disabled={c.reasons.length === 0 || !phoneOk} onClick={() => flow.send({ type: 'NEXT' })}>
          {t('evaluate.submit')}
        </button>
      </div>
    </div>
  );
}

function Outcome({ flow }: { flow: Flow }) {
  const { t } = useKiosk();
  const snap = useActorSnapshot(flow);
  const rated = snap.matches('rated');
  const poor = (snap.context.level ?? 5) <= 2;
  return (
    <div class="panel" data-testid={rated ? 'evaluation-rated' : 'evaluate-thanks'} role="status">
      <h2>{rated ? t('evaluation.alreadyRated') : t('evaluate.thanks')}</h2>
      <p>{rated ? t('evaluation.alreadyRatedBody') : poor ? t('evaluation.poorNext') : t('evaluate.goodNext')}</p>
      {snap.context.channel === 'device' && !rated && <p class="muted">{t('evaluation.fromDevice')}</p>}
      <button type="button" class="btn btn--secondary btn--large" data-testid="finish" onClick={() => flow.send({ type: 'FINISH' })}>
        {t('service.finish')}
      </button>
    </div>
  );
}
