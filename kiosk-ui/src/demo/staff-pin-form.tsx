import { useState } from 'preact/hooks';
import { OnScreenKeyboard } from '../components/keyboard';
import { useKiosk } from '../kiosk-context';

export type StaffPinOutcome = { ok: true } | { ok: false; code: string };

/**
 * Staff number, then PIN, on the terminal's own keys (no OS keyboard): the PIN
 * is never shown. `submit` answers the daemon's verdict; a refusal says why
 * (wrong number or PIN, locked for a while) without telling which was wrong.
 */
export function StaffPinForm({ title, action, submit, onCancel }: { title: string; action: string; submit: (staffNo: string, pin: string) => Promise<StaffPinOutcome>; onCancel: () => void }) {
  const { t } = useKiosk();
  const [staffNo, setStaffNo] = useState('');
  const [pin, setPin] = useState('');
  const [step, setStep] = useState<'staffNo' | 'pin'>('staffNo');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const send = async () => {
    setSending(true);
    const r = await submit(staffNo, pin);
    setSending(false);
    if (r.ok) return;
    setPin('');
    setProblem(r.code === 'technicianLocked' ? t('demo.locked') : r.code === 'pinInvalid' ? t('demo.pinInvalid') : t('demo.failed'));
  };
  const onKey = (v: string) => {
    setProblem(null);
    if (step === 'staffNo')
      setStaffNo(
        v
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, '')
          .slice(0, 16),
      );
    else setPin(v.replace(/\D/g, '').slice(0, 12));
  };
  const ready = step === 'staffNo' ? staffNo.length >= 3 : pin.length >= 4;
  return (
    <div class="modal-backdrop">
      <div class="modal demo-form" role="dialog" aria-modal="true" aria-labelledby="demo-form-title" data-testid="staff-pin-form">
        <h2 id="demo-form-title">{title}</h2>
        <output class="demo-form__value" data-testid={step === 'staffNo' ? 'demo-staffno' : 'demo-pin'} aria-live="polite">
          <span class="muted">{t(step === 'staffNo' ? 'demo.staffNo' : 'demo.pin')}</span> {step === 'staffNo' ? staffNo : '●'.repeat(pin.length)}
        </output>
        {problem && (
          <p class="demo-form__problem" role="alert" data-testid="demo-problem">
            {problem}
          </p>
        )}
        <OnScreenKeyboard value={step === 'staffNo' ? staffNo : pin} onChange={onKey} />
        <div class="modal__actions">
          <button type="button" class="btn btn--secondary" data-testid="demo-cancel" onClick={onCancel}>
            {t('demo.cancel')}
          </button>
          {step === 'staffNo' ? (
            <button type="button" class="btn btn--primary" data-testid="demo-next" disabled={!ready} onClick={() => setStep('pin')}>
              {t('demo.next')}
            </button>
          ) : (
            <button type="button" class="btn btn--primary" data-testid="demo-confirm" disabled={!ready || sending} onClick={() => void send()}>
              {action}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
