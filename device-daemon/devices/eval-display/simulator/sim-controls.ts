import type { SimAction } from '../../../../contract/api';
import { DeviceCommandError, type SimulatorControl } from '../../device';
import type { LifecycleDevice } from '../../lifecycle-device';
import type { RatingLevel } from '../eval-display-device';

/** What an evaluation-device simulator can be made to do; a kind without input has no `rate`. */
export interface EvalSimHooks {
  rate?(level: RatingLevel): Promise<unknown>;
  garbage?(bytes: Buffer | undefined): Promise<unknown>;
  returnCode?(code: number): void;
  unplug(): void;
  replug(): void;
  connected(): boolean;
}

const hexBytes = (param: string, action: string, max: number): Buffer => {
  if (!new RegExp(`^([0-9a-fA-F]{2}\\s?){1,${max}}$`).test(param.trim())) throw new DeviceCommandError('invalidArgs', `${action} param: hex bytes, e.g. "ff 12 00"`);
  return Buffer.from(param.replace(/\s/g, ''), 'hex');
};

/** A level from a sim param: 1–5 (5 = 非常满意) or the level's label. */
const LABELS: Readonly<Record<string, RatingLevel>> = { 非常满意: 5, 满意: 4, 基本满意: 3, 不满意: 2, 非常不满意: 1 };
function levelParam(param: string | undefined): RatingLevel {
  const p = (param ?? '').trim();
  const level = LABELS[p] ?? (/^[1-5]$/.test(p) ? (Number(p) as RatingLevel) : undefined);
  if (!level) throw new DeviceCommandError('invalidArgs', 'rate param: a level 1–5 (5 = 非常满意) or its label');
  return level;
}

/**
 * The SimActions of a simulated evaluation device (POST /sim/evalDisplay/<action>,
 * sim.control, kioskctl): rate <level> (a press on the device), evalGarbage
 * [hex] (line noise), evalReturnCode <hex> (the next instruction is answered
 * with that code; displays that answer), unplug, replug.
 */
export function evalSimControl(device: LifecycleDevice & { attached?(): void }, hooks: EvalSimHooks): SimulatorControl {
  const actions: SimAction[] = [
    'unplug',
    'replug',
    ...(hooks.garbage ? (['evalGarbage'] as const) : []),
    ...(hooks.rate ? (['rate'] as const) : []),
    ...(hooks.returnCode ? (['evalReturnCode'] as const) : []),
  ];
  const connected = () => {
    if (!hooks.connected()) throw new DeviceCommandError('offline', 'the simulated evaluation device is not connected (unplugged, or the daemon has not opened it yet)');
  };
  return {
    actions,
    async perform(action, param) {
      switch (action) {
        case 'rate':
          if (!hooks.rate) break;
          connected();
          await hooks.rate(levelParam(param));
          return;
        case 'evalGarbage':
          if (!hooks.garbage) break;
          connected();
          await hooks.garbage(param ? hexBytes(param, action, 64) : undefined);
          return;
        case 'evalReturnCode':
          if (!hooks.returnCode) break;
          hooks.returnCode(hexBytes(param ?? '', action, 1)[0]!);
          return;
        case 'unplug':
          hooks.unplug();
          return device.waitForState((s) => s !== 'online' && s !== 'busy');
        case 'replug':
          hooks.replug();
          device.attached?.();
          return device.waitForState((s) => s === 'online');
        default:
          break;
      }
      throw new DeviceCommandError('notSupported', `the evaluation device simulator cannot ${action}`);
    },
  };
}
