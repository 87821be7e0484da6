import { useEffect, useState } from 'preact/hooks';
import type { DeviceStatus } from '../../../contract/api';
import { deviceAdvice } from './device-advice';
import { chinaTimeText } from './log-line';
import { CardTest, EvalDisplayTest, PrintTest, ScanTest } from './device-tests';
import { useMaintenance } from './maintenance-context';

/** Each device's status as the daemon reports it, kept live from device.status events. */
function useDeviceStatuses(): DeviceStatus[] {
  const { client } = useMaintenance();
  const [devices, setDevices] = useState<Record<string, DeviceStatus>>({});
  useEffect(() => {
    const off = client.on('device.status', (s) => setDevices((prev) => ({ ...prev, [s.device]: s })));
    client.call('system.status', {}).then(
      (s) => setDevices(Object.fromEntries(s.devices.map((d) => [d.device, d]))),
      () => undefined,
    );
    return off;
  }, [client]);
  return Object.values(devices);
}

const TESTS: Record<string, () => preact.JSX.Element> = { idCardReader: CardTest, printer: PrintTest, evalDisplay: EvalDisplayTest, scanner: ScanTest };

function DeviceCard({ s }: { s: DeviceStatus }) {
  const { t } = useMaintenance();
  const advice = deviceAdvice(s);
  const Test = TESTS[s.device];
  return (
    <section class={`maint-card maint-card--${s.state}`} data-device={s.device} aria-labelledby={`maint-dev-${s.device}`}>
      <h2 id={`maint-dev-${s.device}`}>
        {s.device}{' '}
        <span class="maint-state" data-testid={`maint-state-${s.device}`}>
          {s.state}
        </span>
      </h2>
      <dl class="maint-fields">
        <dt>{t('maint.dev.driver')}</dt>
        <dd>{s.driver}</dd>
        <dt>{t('maint.dev.since')}</dt>
        <dd>{chinaTimeText(Date.parse(s.since))}</dd>
        {Object.entries(s.detail).map(([k, v]) => [<dt key={`k${k}`}>{k}</dt>, <dd key={`v${k}`}>{String(v)}</dd>])}
      </dl>
      {s.reason && s.state !== 'online' && <p class="maint-reason">{s.reason}</p>}
      {advice && <p class={`maint-advice maint-advice--${advice.who}`}>{`${t(advice.who === 'staff' ? 'maint.advice.staff' : 'maint.advice.technician')}: ${t(advice.key)}`}</p>}
      {Test && <Test />}
    </section>
  );
}

/** 设备: every device's state, driver, link and what the protocol reports, its last problem in words, and its test. */
export function DevicesPage() {
  const { t } = useMaintenance();
  const devices = useDeviceStatuses();
  return (
    <div class="maint-grid" data-testid="maint-devices">
      {devices.length === 0 && <p>{t('maint.loading')}</p>}
      {devices.map((s) => (
        <DeviceCard key={s.device} s={s} />
      ))}
    </div>
  );
}
