import { z } from 'zod';
import { command } from './define';
import { PrintJobResult } from './printer';
import { Answers, MaterialsProvided } from './submission';

// 预审 (pre-check): the item's eligibility rules (data in the catalog) are
// evaluated in the daemon, which holds the catalog and the session's card
// (card.age is a fact), and the 预审结果 slip is composed there too. The page
// sends the answers and the materials as the resident gave them and shows
// the outcome. Advisory: the department decides; nothing is submitted.

const ItemId = z.string().min(1).max(64);

export const PrecheckArgs = z
  .object({
    itemId: ItemId,
    answers: Answers,
    materials: MaterialsProvided,
  })
  .strict();
export type PrecheckArgs = z.infer<typeof PrecheckArgs>;

const Words = z.object({ zh: z.string(), en: z.string().optional() });

export const PrecheckResult = z.object({
  /** checkAtWindow also when a rule's fact is unknown: never a silent "eligible". */
  outcome: z.enum(['eligible', 'ineligible', 'checkAtWindow']),
  /** Ids of the rules that do not hold or could not be judged, in catalog order. */
  failed: z.array(z.string()),
  /** Their messages. */
  reasons: z.array(Words),
  /** Materials the resident said they will bring later. */
  missingMaterials: z.array(Words),
});
export type PrecheckResult = z.infer<typeof PrecheckResult>;

export const precheckCommands = {
  'precheck.evaluate': command({
    args: PrecheckArgs,
    result: PrecheckResult,
    doc: "Evaluate a pre-check item's eligibility rules over the answers and the session card (age). invalidArgs names a field the item does not have or an answer that breaks its rule; notFound for an unknown or non-precheck item.",
  }),
  'precheck.print': command({
    /** The resident's language: with en, the slip is printed in Chinese and then in English below. */
    args: PrecheckArgs.extend({ locale: z.enum(['zh-CN', 'en']).optional() }),
    result: PrintJobResult,
    doc: 'Print the 预审结果 slip of the same evaluation, composed in the daemon (item, outcome, reasons, missing materials, where to go; no personal data). Errors as precheck.evaluate, then the printer codes with the jobId in the detail.',
  }),
};

export const precheckEvents = {};
