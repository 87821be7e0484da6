import type { CapabilityContext } from '../../capability';
import { ApiFailure } from '../../api/router';
import { SCANNER_ARM_SECONDS, type ScanPurpose } from '../../../contract/api/scanner';
import { ScannerDevice } from './scanner-device';
import { caseNoMatchers, extractCaseNo, maskScanText } from './scan-text';

export interface ScannerApiOptions {
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
export function registerScannerApi(ctx: CapabilityContext, opts: ScannerApiOptions = {}): void {
  const armMs = opts.armMs ?? SCANNER_ARM_SECONDS * 1000;
  const log = ctx.log.child({ capability: 'scanner' });
  const dev = ctx.registry.get('scanner');
  let armed: { purpose: ScanPurpose; until: number; timer: NodeJS.Timeout } | undefined;

  const disarm = (why: string): boolean => {
    if (!armed) return false;
    clearTimeout(armed.timer);
    armed = undefined;
    log.info({ why }, 'scanner disarmed');
    return true;
  };

  ctx.router.register('scanner.arm', ({ purpose }) => {
    if (!(dev instanceof ScannerDevice)) throw new ApiFailure('noDevice', dev?.status().reason ?? 'no scanner is configured on this terminal (devices.scanner.driver is "none")');
    if (armed) clearTimeout(armed.timer);
    const until = Date.now() + armMs;
    const timer = setTimeout(() => disarm('armPeriodOver'), armMs);
    timer.unref();
    if (!armed) log.info({ purpose }, 'scanner armed');
    armed = { purpose, until, timer };
    return { armed: true, purpose, expiresAt: new Date(until).toISOString() };
  });
  ctx.router.register('scanner.disarm', () => ({ armed: false as const, wasArmed: disarm('ui') }));
  ctx.addSessionWiper((o) => (disarm(o?.boundary ? 'sessionBoundary' : 'sessionEnd') ? ['scanner.armed'] : []));
  ctx.addService({ name: 'scanner', stop: () => void disarm('shutdown') });

  if (!(dev instanceof ScannerDevice)) return;
  const matchers = caseNoMatchers([ctx.config.links.progressUrlTemplate, ctx.config.links.evaluationUrlTemplate]);
  const counts = { scanned: 0, delivered: 0, ignored: 0, withCaseNo: 0 };
  dev.onCode((code) => {
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
    ctx.emit('scanner.code', {
      purpose: armed.purpose,
      text: maskScanText(code.text),
      ...(found.ok ? { caseNo: found.caseNo } : {}),
      at: code.at.toISOString(),
    });
  });
  ctx.addHealth('scanner', () => ({ armed: armed ? { purpose: armed.purpose, expiresAt: new Date(armed.until).toISOString() } : null, ...counts }));
}
