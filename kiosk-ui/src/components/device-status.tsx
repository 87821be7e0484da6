import { useKiosk } from '../kiosk-context';
import { DeviceStateIcon } from './icon';

/** One row per device: name and state in plain words, colour plus text (never colour alone). */
export function DeviceStatusPanel({ compact = false }: { compact?: boolean }) {
  const { devices, t } = useKiosk();
  const list = Object.values(devices);
  return (
    <section class={compact ? 'devices devices--compact' : 'devices'} aria-label={t('devices.title')} data-testid="device-status">
      {!compact && <h2>{t('devices.title')}</h2>}
      <ul>
        {list.map((d) => (
          <li key={d.device} class={`device device--${d.state}`} data-device={d.device} data-state={d.state}>
            <DeviceStateIcon state={d.state} />
            <span class="device__name">{t(`device.${d.device}`)}</span>
            <span class="device__state">{t(`state.${d.state}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
