import { useEffect, useState } from 'preact/hooks';
import { type CommandState, useCommand } from './use-command';
import { useMaintenance } from './maintenance-context';

/** A test's outcome in words: running, the daemon's refusal, or what the test found. */
function Outcome<T>({ state, done }: { state: CommandState<T>; done: (r: T) => string }) {
  const { t } = useMaintenance();
  if (state.state === 'idle') return null;
  if (state.state === 'running') return <p class="maint-outcome">{t('maint.test.running')}</p>;
  if (state.state === 'failed')
    return (
      <p class="maint-outcome maint-error" role="alert">
        {t('maint.test.failed', { code: state.code, message: state.message })}
      </p>
    );
  return (
    <p class="maint-outcome" data-testid="maint-outcome">
      {done(state.result)}
    </p>
  );
}

/** A test's button (one run at a time) and its outcome. */
function TestAction<T>({ testId, label, state, onStart, done }: { testId: string; label: string; state: CommandState<T>; onStart: () => void; done: (r: T) => string }) {
  return (
    <div class="maint-test">
      <button type="button" class="btn" data-testid={testId} disabled={state.state === 'running'} onClick={onStart}>
        {label}
      </button>
      <Outcome state={state} done={done} />
    </div>
  );
}

/** Read a card: its fields masked; held down, the button shows them unmasked (each reveal audited) until released. */
export function CardTest() {
  const { client, token, t } = useMaintenance();
  const [read, run] = useCommand<{ fields: Record<string, unknown>; photo: string; expired: boolean }>();
  const [revealed, setRevealed] = useState<Record<string, unknown> | undefined>(undefined);
  const hide = () => setRevealed(undefined);
  const shown = revealed ?? (read.state === 'done' ? read.result.fields : undefined);
  return (
    <div class="maint-test">
      <button
        type="button"
        class="btn"
        data-testid="maint-test-card"
        disabled={read.state === 'running'}
        onClick={() => run(() => client.call('maintenance.test.card', { token }, { timeoutMs: 30_000 }))}
      >
        {t('maint.test.card')}
      </button>
      <Outcome state={read} done={(r) => t('maint.test.cardRead', { photo: r.photo, expired: r.expired ? t('maint.yes') : t('maint.no') })} />
      {shown && (
        <>
          <dl class="maint-fields" data-testid="maint-card-fields">
            {Object.entries(shown).map(([k, v]) => [<dt key={`k${k}`}>{k}</dt>, <dd key={`v${k}`}>{String(v)}</dd>])}
          </dl>
          <button
            type="button"
            class="btn"
            data-testid="maint-card-reveal"
            onPointerDown={() => client.call('maintenance.test.cardReveal', { token }).then((r) => setRevealed(r.fields), hide)}
            onPointerUp={hide}
            onPointerLeave={hide}
            onPointerCancel={hide}
          >
            {t('maint.test.reveal')}
          </button>
        </>
      )}
    </div>
  );
}

/** Print the test page (status, profile, encoding line, QR, cut). */
export function PrintTest() {
  const { client, t } = useMaintenance();
  const [job, run] = useCommand<{ jobId: string; state: string; paperMm: number }>();
  return (
    <TestAction
      testId="maint-test-print"
      label={t('maint.test.print')}
      state={job}
      onStart={() => void run(() => client.call('printer.testPage', {}))}
      done={(r) => t('maint.test.printed', { jobId: r.jobId, state: r.state, mm: Math.round(r.paperMm) })}
    />
  );
}

/** Show a test QR on the evaluation device and wait for a press there; nothing is recorded (the invitation is dismissed). */
export function EvalDisplayTest() {
  const { client, t } = useMaintenance();
  const [invite, run] = useCommand<{ eventKey: string; device: { shows: string; state: string } }>();
  const [pressed, setPressed] = useState<string | undefined>(undefined);
  const eventKey = invite.state === 'done' ? invite.result.eventKey : undefined;
  useEffect(() => {
    if (!eventKey) return;
    const off = client.on('evaluation.devicePress', (e) => {
      if (e.eventKey !== eventKey) return;
      setPressed(String(e.level));
      void client.call('evaluation.dismiss', { eventKey }).catch(() => undefined);
    });
    return () => {
      off();
      void client.call('evaluation.dismiss', { eventKey }).catch(() => undefined);
    };
  }, [eventKey]);
  return (
    <TestAction
      testId="maint-test-eval"
      label={t('maint.test.eval')}
      state={invite}
      onStart={() => {
        setPressed(undefined);
        void run(() => client.call('evaluation.invite', {}));
      }}
      done={(r) => (pressed ? t('maint.test.evalPressed', { level: pressed }) : t('maint.test.evalWaiting', { shows: r.device.shows, state: r.device.state }))}
    />
  );
}

/** Arm the scanner for the test and show the next code read (masked as the daemon sends it). */
export function ScanTest() {
  const { client, t } = useMaintenance();
  const [arm, run] = useCommand<{ armed: boolean }>();
  const [code, setCode] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (arm.state !== 'done') return;
    const off = client.on('scanner.code', (e) => {
      if (e.purpose === 'maintenanceTest') setCode(e.text);
    });
    return () => {
      off();
      void client.call('scanner.disarm', {}).catch(() => undefined);
    };
  }, [arm.state]);
  return (
    <TestAction
      testId="maint-test-scan"
      label={t('maint.test.scan')}
      state={arm}
      onStart={() => {
        setCode(undefined);
        void run(() => client.call('scanner.arm', { purpose: 'maintenanceTest' }));
      }}
      done={() => (code ? t('maint.test.scanned', { text: code }) : t('maint.test.scanWaiting'))}
    />
  );
}
