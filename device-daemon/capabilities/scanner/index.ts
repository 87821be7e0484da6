import { SCANNER_ARM_SECONDS, type ScanPurpose } from '../../../contract/api/scanner';
import { ApiFailure } from '../../api/router';
import type { Capability, CapabilityContext } from '../../capability';
import type { ScannerDevice } from '../../devices/scanner/scanner-device';
import { followDevice } from '../follow-device';
import { caseNoMatchers, extractCaseNo, maskScanText } from '../../devices/scanner/scan-text';

export interface ScannerOptions {
  /** Arm period; tests shorten it. Default SCANNER_ARM_SECONDS. */
  armMs?: number;
}

/**
 * scanner.arm / scanner.disarm and the scanner.code event. Codes reach the UI
 * only while armed (the progress screen arms for a case number), so a code
 * scanned at the attract screen or mid-journey is dropped. Disarmed by
 * scanner.disarm, every session end (session.end, a UI page going away) and
 * after the arm period. Logs carry the length and whether a case number was
 * found, never the code.
 */
export function createScannerCapability(ctx: CapabilityContext, opts: ScannerOptions = {}): Capability {
  const armMs = opts.armMs ?? SCANNER_ARM_SECONDS * 1000;
  const log = ctx.log.child({ capability: 'scanner' });
  const { devices, clock } = ctx.services;
  let armed: { purpose: ScanPurpose; until: number; cancel: () => void } | undefined;
  let off: (() => void) | undefined;

  const disarm = (why: string): boolean => {
    if (!armed) return false;
    armed.cancel();
    armed = undefined;
    log.info({ why }, 'scanner disarmed');
    return true;
  };

  const arm = (purpose: ScanPurpose) => {
    // The scanner in use now (demo mode swaps it).
    if (!devices.scanner) throw new ApiFailure('noDevice', devices.registry.get('scanner')?.status().reason ?? 'no scanner is configured on this terminal (devices.scanner.driver is "none")');
    armed?.cancel();
    const until = clock.now() + armMs;
    const cancel = clock.after(armMs, () => disarm('armPeriodOver'));
    if (!armed) log.info({ purpose }, 'scanner armed');
    armed = { purpose, until, cancel };
    return { armed: true as const, purpose, expiresAt: new Date(until).toISOString() };
  };

  const matchers = caseNoMatchers([ctx.config.links.progressUrlTemplate, ctx.config.links.evaluationUrlTemplate]);
  const counts = { scanned: 0, delivered: 0, ignored: 0, withCaseNo: 0 };
  const listen = (scanner: ScannerDevice): (() => void) =>
    scanner.onCode((code) => {
      counts.scanned++;
      if (!armed) {
        counts.ignored++;
        log.info({ length: code.text.length, armed: false }, 'scan ignored: nobody asked for one');
        return;
      }
      const found = extractCaseNo(code.text, matchers);
      counts.delivered++;
      if (found.ok) counts.withCaseNo++;
      log.info({ length: code.text.length, caseNo: found.ok ? found.from : 'none', purpose: armed.purpose }, 'scan delivered');
      ctx.emit('scanner.code', { purpose: armed.purpose, text: maskScanText(code.text), ...(found.ok ? { caseNo: found.caseNo } : {}), at: code.at.toISOString() });
    });

  return {
    name: 'scanner',
    start() {
      ctx.router.register('scanner.arm', ({ purpose }) => arm(purpose));
      ctx.router.register('scanner.disarm', () => ({ armed: false as const, wasArmed: disarm('ui') }));
      ctx.addSessionWiper((o) => (disarm(o?.boundary ? 'sessionBoundary' : 'sessionEnd') ? ['scanner.armed'] : []));
      if (devices.scanner) ctx.addHealth('scanner', () => ({ armed: armed ? { purpose: armed.purpose, expiresAt: new Date(armed.until).toISOString() } : null, ...counts }));
      off = followDevice(devices, 'scanner', listen);
    },
    stop() {
      off?.();
      disarm('shutdown');
    },
  };
}
