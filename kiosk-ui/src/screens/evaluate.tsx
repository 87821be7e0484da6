import type { ActorRefFrom } from 'xstate';
import type { evaluationMachine } from '../../../state-machines/flows/evaluation-machine';
import { useKiosk } from '../kiosk-context';
import { SessionFrame } from '../components/nav';

export function EvaluateScreen({ onBack, onHome }: { flow: ActorRefFrom<typeof evaluationMachine>; onBack: () => void; onHome: () => void }) {
  const { t, system } = useKiosk();
  const name = t('feature.evaluate');
  return (
    <SessionFrame title={name} screen="feature" onBack={onBack} onHome={onHome}>
      <p data-testid="feature-not-yet">{t('feature.notYet', { name })}</p>
      <p>{t('feature.meanwhile', { phone: system.site.phones.center })}</p>
    </SessionFrame>
  );
}
