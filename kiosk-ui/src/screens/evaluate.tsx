import type { ActorRefFrom } from 'xstate';
import { isPoor, type evaluationMachine } from '../../../state-machines/flows/evaluation-machine';
import { useKiosk } from '../kiosk-context';
import { useActorSnapshot } from '../hooks';
import { SessionFrame } from '../components/nav';
import { OnScreenKeyboard } from '../components/keyboard';
import { FailedRequest } from '../components/failed-request';
import { POOR_REASONS } from '../flows/evaluate';
import { contentRefused } from '../../../state-machines/flows/submit-failure';
import face1 from '../../../assets/icons/eval/face-1.svg?raw';
import face2 from '../../../assets/icons/eval/face-2.svg?raw';
import face3 from '../../../assets/icons/eval/face-3.svg?raw';
import face4 from '../../../assets/icons/eval/face-4.svg?raw';
import face5 from '../../../assets/icons/eval/face-5.svg?raw';
import '../styles/service.css';

type Flow = ActorRefFrom<typeof evaluationMachine>;
const LEVELS = [5, 4, 3, 2, 1] as const;
/** The five faces, shipped as SVG (assets/icons/eval): never emoji or font glyphs, which render as boxes where the font lacks them. */
const FACES: Record<number, string> = { 5: face5, 4: face4, 3: face3, 2: face2, 1: face1 };

/** 好差评: five fixed levels (face + words, never colour alone), reasons after a 差评, optional case number. */
export function EvaluateScreen({ flow, onBack, onHome }: { flow: Flow; onBack: () => void; onHome: () => void }) {
  const { t } = useKiosk();
  const snap = useActorSnapshot(flow);
  const c = snap.context;
  // Back steps back where the journey allows it, else leaves the feature.
  const back = snap.can({ type: 'PREV' }) ? () => flow.send({ type: 'PREV' }) : onBack;
  return (
    <SessionFrame title={t('evaluate.title')} screen={snap.matches('rating') ? 'evaluate' : 'evaluateStep'} onBack={back} onHome={onHome}>
      <div data-testid="evaluate" data-state={JSON.stringify(snap.value)}>
        {snap.matches('rating') && (
          <>
            <p>{t('evaluate.ask')}</p>
            <div class="levels">
              {LEVELS.map((l) => (
                <button key={l} type="button" class={`level level--${l}`} data-level={l} aria-pressed={c.level === l} onClick={() => flow.send({ type: 'RATE', level: l })}>
                  <span class="level__face" aria-hidden="true" dangerouslySetInnerHTML={{ __html: FACES[l]! }} />
                  <span class="level__label">{t(`evaluate.level.${l}`)}</span>
                </button>
              ))}
            </div>
            <p class="muted">{t('evaluate.anonymous')}</p>
          </>
        )}
        {snap.matches('reasons') && (
          <>
            <p>{t('evaluate.why')}</p>
            <div class="choices choices--column">
              {POOR_REASONS.map((r) => (
                <button key={r} type="button" class="btn btn--choice" data-reason={r} aria-pressed={c.reasons.includes(r)} onClick={() => flow.send({ type: 'TOGGLE_REASON', code: r })}>
                  {t(`evaluate.reason.${r}`)}
                </button>
              ))}
            </div>
            <div class="actions actions--steps">
              <span />
              <button type="button" class="btn btn--primary btn--large" data-testid="step-next" disabled={c.reasons.length === 0} onClick={() => flow.send({ type: 'NEXT' })}>
                {t('service.next')} ›
              </button>
            </div>
          </>
        )}
        {snap.matches('details') && (
          <>
            <p>{t('evaluate.caseAsk')}</p>
            <div class="search__query" data-testid="case-input" aria-live="polite">
              {c.caseNo}
            </div>
            <button type="button" class="btn btn--primary btn--large" data-testid="submit" onClick={() => flow.send({ type: 'SUBMIT' })}>
              {t('evaluate.submit')}
            </button>
            <OnScreenKeyboard value={c.caseNo} onChange={(v) => flow.send({ type: 'TYPE_CASE', caseNo: v })} />
          </>
        )}
        {snap.matches('submitting') && <p role="status">{t('service.submitting')}</p>}
        {snap.matches('failed') && (
          <FailedRequest
            message={contentRefused(c.error) ? t('evaluate.badCase') : t('evaluate.failed', { reason: c.error ?? '' })}
            onRetry={() => flow.send({ type: 'RETRY' })}
            // Only a refused rating may change: after a lost answer the resend must be the same rating.
            onChange={contentRefused(c.error) ? () => flow.send({ type: 'PREV' }) : undefined}
          />
        )}
        {snap.matches('thanks') && (
          <div class="panel" data-testid="evaluate-thanks" role="status">
            <h2>{t('evaluate.thanks')}</h2>
            <p>{isPoor(c.level) ? t('evaluate.poorNext') : t('evaluate.goodNext')}</p>
            <button type="button" class="btn btn--secondary btn--large" data-testid="finish" onClick={() => flow.send({ type: 'FINISH' })}>
              {t('service.finish')}
            </button>
          </div>
        )}
      </div>
    </SessionFrame>
  );
}
