import { useKiosk } from '../kiosk-context';
import { useStaffOnTerminal } from './staff-context';

/** On the resident's consent screen: who is handling this for them (帮办代办) and that it is recorded. Nothing when nobody is. */
export function AssistedNotice() {
  const { t } = useKiosk();
  const staff = useStaffOnTerminal();
  if (!staff?.assisting || !staff.member) return null;
  return (
    <p class="assisted-notice" role="note" data-testid="assisted-notice">
      {t('staff.consentAssisted', { name: staff.member.name, staffNo: staff.member.staffNo })}
    </p>
  );
}
