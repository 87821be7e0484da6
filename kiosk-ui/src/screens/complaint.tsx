import type { ActorRefFrom } from 'xstate';
import type { complaintMachine } from '../../../state-machines/flows/complaint-machine';
import { useKiosk } from '../kiosk-context';
import { SessionFrame } from '../components/nav';

export function ComplaintScreen({ onBack, onHome }: { flow: ActorRefFrom<typeof complaintMachine>; onBack: () => void; onHome: () => void }) {
  const { t, system } = useKiosk();
  const name = t('feature.complain');
  return (
    <SessionFrame title={name} screen="feature" onBack={onBack} onHome={onHome}>
      <p data-testid="feature-not-yet">{t('feature.notYet', { name })}</p>
      <p>{t('feature.meanwhile', { phone: system.site.phones.center })}</p>
    </SessionFrame>
  );
}
