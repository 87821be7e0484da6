import type { ActorRefFrom } from 'xstate';
import type { evaluationMachine } from '../../../state-machines/flows/evaluation-machine';
import { useKiosk } from '../kiosk-context';
import { useActorSnapshot } from '../hooks';
import { SessionFrame } from '../components/nav';
import { OnScreenKeyboard } from '../components/keyboard';
import { ScanHint } from '../components/scan-hint';
import { ServiceEvaluationScreen } from './service-evaluation';

type Flow = ActorRefFrom<typeof evaluationMachine>;

/** 我要评价: the case number typed or scanned from the receipt's QR, then that case's 好差评 (refused when it was already rated). */
export function EvaluateScreen({ flow, onBack, onHome }: { flow: Flow; onBack: () => void; onHome: () => void }) {
  const { t } = useKiosk();
  const snap = useActorSnapshot(flow);
  const c = snap.context;
  const rating = snap.matches('rating') ? snap.children.evaluation : undefined;
  if (rating) return <ServiceEvaluationScreen flow={rating} onHome={onHome} />;
  const errorText = c.error === 'invalidArgs' ? t('evaluate.badCase') : c.error ? t('evaluate.failed', { reason: c.error }) : '';
  return (
    <SessionFrame title={t('evaluate.title')} screen="evaluate" onBack={onBack} onHome={onHome}>
      {/* Children of the screen's body, as on the progress screen: in landscape the keyboard stands beside the number (layout.css). */}
      <p>{t('evaluate.caseAsk')}</p>
      <ScanHint notCase={c.scanNotCase} />
      <div class="search__query" data-testid="case-input" aria-live="polite">
        {c.caseNo}
      </div>
      {errorText && (
        <p role="alert" data-testid="evaluate-error">
          {errorText}
        </p>
      )}
      <button type="button" class="btn btn--primary btn--large" data-testid="submit" onClick={() => flow.send({ type: 'SUBMIT' })}>
        {t('evaluate.submit')}
      </button>
      <OnScreenKeyboard value={c.caseNo} onChange={(v) => flow.send({ type: 'TYPE_CASE', caseNo: v })} />
    </SessionFrame>
  );
}
