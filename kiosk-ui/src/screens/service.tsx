import type { ActorRefFrom } from 'xstate';
import type { serviceMachine } from '../../../state-machines/flows/service-machine';
import { useKiosk } from '../kiosk-context';
import { SessionFrame } from '../components/nav';

export function ServiceScreen({ onBack, onHome }: { flow: ActorRefFrom<typeof serviceMachine>; onBack: () => void; onHome: () => void }) {
  const { t } = useKiosk();
  return (
    <SessionFrame title={t('feature.notYet')} screen="feature" onBack={onBack} onHome={onHome}>
      <p>{t('feature.notYet')}</p>
    </SessionFrame>
  );
}
