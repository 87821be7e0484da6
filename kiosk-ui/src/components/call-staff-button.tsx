import { useEffect, useMemo, useState } from 'preact/hooks';
import { createActor } from 'xstate';
import { provideCallStaff } from '../flows/call-staff';
import { useKiosk } from '../kiosk-context';
import { CallStaffBody } from './call-staff-body';

/**
 * 呼叫工作人员 on a screen that tells the resident something went wrong: the
 * call opens over the screen (duty hours, reason, cancel) and closing it
 * leaves the journey exactly where it was.
 */
export function CallStaffButton() {
  const { t } = useKiosk();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="btn btn--secondary btn--large" data-testid="call-staff-from-error" onClick={() => setOpen(true)}>
        {t('call.fromError')}
      </button>
      {open && <CallStaffDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function CallStaffDialog({ onClose }: { onClose: () => void }) {
  const { t, daemon } = useKiosk();
  const flow = useMemo(() => createActor(provideCallStaff(daemon), { input: { idempotencyKey: crypto.randomUUID() } }).start(), []);
  useEffect(() => () => flow.stop(), [flow]);
  return (
    <div class="modal-backdrop">
      <div class="modal call-dialog" role="dialog" aria-modal="true" aria-label={t('call.title')} data-testid="call-staff-dialog">
        <h2>{t('call.title')}</h2>
        <CallStaffBody flow={flow} />
        <div class="modal__actions">
          <button type="button" class="btn btn--primary btn--large" data-testid="call-staff-close" onClick={onClose}>
            {t('nav.back')}
          </button>
        </div>
      </div>
    </div>
  );
}
