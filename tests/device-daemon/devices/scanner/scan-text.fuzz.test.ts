import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCAN_TEXT_MAX } from '../../../../contract/api/scanner';
import { caseNoMatchers, extractCaseNo, maskScanText } from '../../../../device-daemon/devices/scanner/scan-text';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KioskConfig } from '../../../../device-daemon/config/schema';
import { ROOT } from '../../../helpers/daemon';
import { fuzzParams, fuzzTimeoutMs } from '../../../helpers/fuzz';

// Property-based fuzzing of what the daemon does with a scanned code's text:
// the case-number extraction (URL templates and bare numbers) and the masking
// of what reaches the UI. Arbitrary text, and text shaped like the shipped
// templates with arbitrary case numbers in them: nothing throws, the text
// sent on fits the contract, no ID-number-shaped run survives unmasked.

// The link templates of the shipped configuration.
const { $schema: _, ...shipped } = JSON.parse(readFileSync(join(ROOT, 'kiosk.config.json'), 'utf8'));
const { links } = KioskConfig.parse(shipped);
const templates = [links.progressUrlTemplate, links.evaluationUrlTemplate];
const matchers = caseNoMatchers(templates);
const filled = fc.tuple(fc.constantFrom(...templates), fc.string({ maxLength: 90 })).map(([t, s]) => t.replace('{caseNo}', s));
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 600 }), filled, fc.stringMatching(/^[0-9Xx\- ]{0,60}$/));

describe('scanned text under property-based fuzzing', () => {
  it(
    'any text: extraction never throws and gives a parsed case number or nothing; what reaches the UI fits and is masked',
    () => {
      fc.assert(
        fc.property(text, (t) => {
          const found = extractCaseNo(t, matchers);
          if (found.ok) expect(found.caseNo).toMatch(/^[A-Z0-9-]+$/);
          const shown = maskScanText(t);
          expect(shown.length).toBeLessThanOrEqual(SCAN_TEXT_MAX);
          expect(shown).not.toMatch(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/);
        }),
        fuzzParams('scanner-text', 0.3),
      );
    },
    fuzzTimeoutMs(2),
  );
});
