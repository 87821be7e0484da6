import { type CounterName, isCounterName } from '../../../contract/api/counters';
import type { MessageKey } from '../i18n';

/** The locale key that words a counter (both languages have one for every name the daemon counts). */
export const counterKey = (name: CounterName): MessageKey => `maint.counter.${name}`;

const DEVICE_KEYS: Readonly<Record<string, MessageKey>> = { idCardReader: 'device.idCardReader', printer: 'device.printer', evalDisplay: 'device.evalDisplay' };

/**
 * A row of the counters page in words: a counter by its label, a device of
 * the failures table by its name. A name this page does not know (kept by a
 * newer daemon, say) is shown as it is rather than hidden.
 */
export function counterRowLabel(t: (key: MessageKey) => string, name: string): string {
  if (isCounterName(name)) return t(counterKey(name));
  const device = DEVICE_KEYS[name];
  return device ? t(device) : name;
}
