import type { DeviceStatus } from '../../../contract/api';
import type { MessageKey } from '../i18n';

/** Why the printer cannot print now (a locale key), or null when it can. Colour-free, for the button text. */
export function printerBlocker(status: DeviceStatus | undefined): MessageKey | null {
  if (!status) return 'printer.offline';
  if (status.detail.paper === 'out') return 'printer.paperOut';
  if (status.detail.cover === 'open') return 'printer.coverOpen';
  switch (status.state) {
    case 'online':
    case 'busy': // a job in progress: the next one queues behind it
      return null;
    case 'hardwareError':
      return 'printer.hardwareError';
    case 'offline':
    case 'noDevice':
      return 'printer.offline';
    default:
      return 'printer.other';
  }
}

/** Error code of a failed print → locale key. */
export function printErrorKey(code: string | undefined): MessageKey {
  switch (code) {
    case 'paperOut':
      return 'printer.paperOut';
    case 'coverOpen':
      return 'printer.coverOpen';
    case 'offline':
    case 'noDevice':
    case 'transportLost':
      return 'printer.offline';
    case 'cutterError':
    case 'hardwareError':
      return 'printer.hardwareError';
    // The daemon refused the print as one request too many (nothing printed): wait and tap again.
    case 'tooManyRequests':
      return 'printer.tooManyRequests';
    default:
      return 'printer.other';
  }
}
