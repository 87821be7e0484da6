import { useState } from 'preact/hooks';
import { CommandError } from '../client/daemon-client';
import { OnScreenKeyboard } from '../components/keyboard';
import { DemoStart } from '../demo/demo-start';
import { useKiosk } from '../kiosk-context';
import { useStaffView } from './staff-context';
import './staff-panel.css';

/** The staff panel: sign-in, then what a signed-in staff member can switch on for this session. */
export function StaffPanel() {
  const { t } = useKiosk();
  const { state, close, client } = useStaffView();
  const [demo, setDemo] = useState(false);
  // Demo mode is the terminal's, not the session's: the staff member confirms it with their PIN again.
  if (demo)
    return (
      <DemoStart
        client={client}
        onClose={() => {
          setDemo(false);
          close();
        }}
      />
    );
  return (
    <div class="modal-backdrop">
      <div class="modal staff-panel" role="dialog" aria-modal="true" aria-labelledby="staff-panel-title" data-testid="staff-panel">
        {/* Close at the top: with elder mode's keys the sign-in fills the screen, and the way out must never scroll away. */}
        <button type="button" class="btn btn--secondary staff-panel__close" data-testid="staff-close" onClick={close}>
          {t('staff.cancel')}
        </button>
        {state?.member ? <SignedIn onDemo={() => setDemo(true)} /> : <SignIn />}
      </div>
    </div>
  );
}

function SignedIn({ onDemo }: { onDemo: () => void }) {
  const { t } = useKiosk();
  const { state, act } = useStaffView();
  const m = state!.member!;
  const toggle = (key: 'guided' | 'assisting', on: boolean) => act((c) => c.call('staff.terminal.set', { [key]: on }));
  return (
    <>
      <h2 id="staff-panel-title">{t('staff.title')}</h2>
      <p data-testid="staff-member">{t('staff.signedInAs', { name: m.name, staffNo: m.staffNo })}</p>
      <Switch testId="staff-guided" label={t('staff.guided')} hint={t('staff.guidedHint')} on={state!.guided} onChange={(on) => toggle('guided', on)} />
      {m.role === 'assistant' && <Switch testId="staff-assist" label={t('staff.assist')} hint={t('staff.assistHint')} on={state!.assisting} onChange={(on) => toggle('assisting', on)} />}
      <div class="staff-panel__switch">
        <button type="button" class="btn btn--toggle btn--large" data-testid="staff-demo" onClick={onDemo}>
          {t('staff.demo')}
        </button>
        <p class="muted">{t('staff.demoHint')}</p>
      </div>
      <button type="button" class="btn btn--secondary btn--large" data-testid="staff-sign-out" onClick={() => act((c) => c.call('staff.terminal.signOut', {}))}>
        {t('staff.signOut')}
      </button>
    </>
  );
}

function Switch({ testId, label, hint, on, onChange }: { testId: string; label: string; hint: string; on: boolean; onChange: (on: boolean) => void }) {
  const { t } = useKiosk();
  return (
    <div class="staff-panel__switch">
      <button type="button" class="btn btn--toggle btn--large" aria-pressed={on} data-testid={testId} onClick={() => onChange(!on)}>
        {t('staff.switch', { label, state: on ? t('staff.on') : t('staff.off') })}
      </button>
      <p class="muted">{hint}</p>
    </div>
  );
}

type Step = 'number' | 'pin' | 'card';

function SignIn() {
  const { t } = useKiosk();
  const { act } = useStaffView();
  const [step, setStep] = useState<Step>('number');
  const [staffNo, setStaffNo] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const attempt = async (via: Step, run: Parameters<typeof act>[0]) => {
    setProblem(undefined);
    setStep(via);
    try {
      await act(run);
    } catch (err) {
      setProblem(refusalText(err, t));
      setPin('');
      setStep(via === 'card' ? 'number' : via);
    }
  };
  const byPin = () => attempt('pin', (c) => c.call('staff.terminal.signIn', { method: 'pin', staffNo, pin }));
  const byCard = () => attempt('card', (c) => c.call('staff.terminal.signIn', { method: 'card' }, { timeoutMs: 25_000 }));
  return (
    <>
      <h2 id="staff-panel-title">{t('staff.signIn')}</h2>
      {problem && (
        <p role="alert" class="staff-panel__problem" data-testid="staff-problem">
          {problem}
        </p>
      )}
      {step === 'card' ? (
        <p role="status" data-testid="staff-card-waiting">
          {t('staff.cardWaiting')}
        </p>
      ) : (
        <>
          <button type="button" class="btn btn--secondary btn--large" data-testid="staff-by-card" onClick={byCard}>
            {t('staff.byCard')}
          </button>
          <div class="staff-panel__entry">
            <label class="staff-panel__field">
              {step === 'number' ? t('staff.staffNo') : t('staff.pin')}
              <output data-testid={step === 'number' ? 'staff-no' : 'staff-pin'} aria-live="polite">
                {step === 'number' ? staffNo : '•'.repeat(pin.length)}
              </output>
            </label>
            <button
              type="button"
              class="btn btn--primary btn--large"
              data-testid="staff-next"
              disabled={step === 'number' ? staffNo.length < 3 : pin.length < 6}
              onClick={() => (step === 'number' ? setStep('pin') : void byPin())}
            >
              {step === 'number' ? t('staff.next') : t('staff.submit')}
            </button>
          </div>
          {step === 'number' ? (
            <OnScreenKeyboard
              value={staffNo}
              onChange={(v) =>
                setStaffNo(
                  v
                    .replace(/[^A-Za-z0-9]/g, '')
                    .toUpperCase()
                    .slice(0, 16),
                )
              }
            />
          ) : (
            <OnScreenKeyboard value={pin} onChange={(v) => setPin(v.replace(/\D/g, '').slice(0, 12))} />
          )}
        </>
      )}
    </>
  );
}

function refusalText(err: unknown, t: ReturnType<typeof useKiosk>['t']): string {
  if (err instanceof CommandError && err.code === 'technicianLocked') return t('staff.locked');
  const remaining = err instanceof CommandError && err.code === 'pinInvalid' ? (err.detail as { remaining?: number } | undefined)?.remaining : undefined;
  if (remaining !== undefined && remaining > 0) return t('staff.refused', { remaining });
  if (remaining === 0) return t('staff.locked');
  return t('staff.failed');
}
