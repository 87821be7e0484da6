import type { DeviceStatus } from '../../../contract/api';
import type { MessageKey } from '../i18n';

/**
 * What a device's state asks of the person in front of it, in words: what
 * centre staff can fix themselves (paper, the cover) or what needs a
 * technician (the device is gone, broken or not answering).
 */
export function deviceAdvice(s: DeviceStatus): { who: 'staff' | 'technician'; key: MessageKey } | undefined {
  if (s.detail.paper === 'out') return { who: 'staff', key: 'maint.advice.paperOut' };
  if (s.detail.cover === 'open') return { who: 'staff', key: 'maint.advice.coverOpen' };
  if (s.detail.paper === 'low') return { who: 'staff', key: 'maint.advice.paperLow' };
  if (s.state === 'noDevice') return { who: 'technician', key: 'maint.advice.noDevice' };
  if (s.state === 'hardwareError') return { who: 'technician', key: 'maint.advice.hardwareError' };
  if (s.state === 'offline') return { who: 'technician', key: 'maint.advice.offline' };
  return undefined;
}
