import { useState } from 'preact/hooks';
import { DEMO_SAMPLES, type DemoSampleKind, type DemoStatus } from '../../../contract/api/demo';
import type { DaemonLink } from '../client/daemon-client';
import { useKiosk } from '../kiosk-context';
import { staffCall } from './staff-call';
import { StaffPinForm } from './staff-pin-form';

/**
 * The staff's small panel in demo mode: put a synthetic sample person's card
 * on the (simulated) reader, one per card kind and an expired and a damaged
 * one; and 退出演示 (staff number and PIN again), which a training room does not offer.
 */
export function DemoPanel({ client, demo }: { client: DaemonLink; demo: DemoStatus }) {
  const { t } = useKiosk();
  const [view, setView] = useState<'closed' | 'open' | 'exit'>('closed');
  const [placed, setPlaced] = useState<DemoSampleKind | null>(null);
  const [failed, setFailed] = useState(false);
  const insert = async (card: string, kind: DemoSampleKind) => {
    const r = await staffCall(() => client.call('sim.control', { device: 'idCardReader', action: 'insertCard', param: card }));
    setFailed(!r.ok);
    setPlaced(r.ok ? kind : null);
    if (r.ok) setView('closed');
  };
  if (view === 'closed') {
    return (
      <button type="button" class="demo-panel__toggle" data-testid="demo-panel-open" onClick={() => setView('open')}>
        {t('demo.panel')}
        {placed && <span class="demo-panel__placed"> · {t(`demo.sample.${placed}`)}</span>}
      </button>
    );
  }
  if (view === 'exit') {
    return <StaffPinForm title={t('demo.stopTitle')} action={t('demo.stop')} submit={(staffNo, pin) => staffCall(() => client.call('demo.stop', { staffNo, pin }))} onCancel={() => setView('open')} />;
  }
  return (
    <div class="modal-backdrop">
      <div class="modal demo-panel" role="dialog" aria-modal="true" aria-labelledby="demo-panel-title" data-testid="demo-panel">
        <h2 id="demo-panel-title">{t('demo.panelTitle')}</h2>
        <p class="muted">{t('demo.panelHint')}</p>
        <div class="demo-panel__samples">
          {DEMO_SAMPLES.map((s) => (
            <button key={s.card} type="button" class="btn btn--secondary" data-testid={`demo-sample-${s.kind}`} onClick={() => void insert(s.card, s.kind)}>
              {t(`demo.sample.${s.kind}`)}
            </button>
          ))}
        </div>
        {failed && (
          <p class="demo-form__problem" role="alert">
            {t('demo.insertFailed')}
          </p>
        )}
        <div class="modal__actions">
          {!demo.trainingRoom && (
            <button type="button" class="btn btn--secondary" data-testid="demo-exit" onClick={() => setView('exit')}>
              {t('demo.stop')}
            </button>
          )}
          <button type="button" class="btn btn--primary" data-testid="demo-panel-close" onClick={() => setView('closed')}>
            {t('demo.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
