import { z } from 'zod';
import { command, event } from './define';

/**
 * QR/barcode scanner capability. A code reaches the UI only while the UI has
 * armed the scanner for a purpose (the progress lookup screen arms it for a
 * case number), so a code scanned at the attract screen is never acted on.
 * Armed state ends at disarm, at session.end and after ARM_SECONDS.
 */
export const SCANNER_ARM_SECONDS = 120;
export const SCAN_TEXT_MAX = 200;

// maintenanceTest: the technician's scan test on the devices page (the code is shown, never acted on).
export const ScanPurpose = z.enum(['caseNo', 'maintenanceTest']);
export type ScanPurpose = z.infer<typeof ScanPurpose>;

const ScannerArmResult = z.object({
  armed: z.boolean(),
  purpose: ScanPurpose.optional(),
  /** ISO time at which the daemon disarms by itself (re-arm to extend). */
  expiresAt: z.string().optional(),
});

export const scannerCommands = {
  'scanner.arm': command({
    args: z.object({ purpose: ScanPurpose }).strict(),
    result: ScannerArmResult,
    doc: `Start passing scanned codes to the UI as scanner.code events, for ${SCANNER_ARM_SECONDS} s (arming again extends). Errors: noDevice (no scanner is configured).`,
  }),
  'scanner.disarm': command({
    args: z.object({}).strict(),
    result: z.object({ armed: z.literal(false), wasArmed: z.boolean() }),
    doc: 'Stop passing scanned codes to the UI (also done at session.end and after the arm period).',
  }),
};

export const scannerEvents = {
  'scanner.code': event({
    data: z.object({
      purpose: ScanPurpose,
      /** What was scanned, with ID-number- and phone-like digit runs masked, cut to 200 characters. */
      text: z.string().max(SCAN_TEXT_MAX),
      /** The canonical case number when the code is a progress/evaluation URL of this terminal's templates or a bare case number. */
      caseNo: z.string().optional(),
      at: z.string(),
    }),
    doc: 'A code was scanned while the UI had armed the scanner (never sent while disarmed).',
  }),
};
