import { z } from 'zod';
import { command, event } from './define';

/**
 * Card reader capability (issue 3). The UI gets a masked summary only; the
 * full record stays in the daemon for the session (store/apply flow reads it
 * in-process) and is wiped at session.end. Events carry no personal data.
 */
const CardKind = z.enum(['resident', 'foreignPermanent', 'hkMacaoTaiwan']);

export const CardSummary = z.object({
  kind: CardKind,
  /** Foreign permanent resident card layout: 'I' (before 2023) or 'Y' (2023). */
  foreignLayout: z.enum(['I', 'Y']).optional(),
  /** 林晓禾 → 林**. */
  maskedName: z.string(),
  maskedEnglishName: z.string().optional(),
  /** 4104**********0023. */
  maskedIdNumber: z.string(),
  sex: z.enum(['unknown', 'male', 'female', 'unspecified']),
  /** Resident cards: 民族 display name (汉族 …), null when the code is unknown. */
  nation: z.string().nullable().optional(),
  /** Foreign cards: ISO 3166-1 alpha-3 code. */
  nationality: z.string().optional(),
  /** HK/Macao/Taiwan permits. */
  region: z.enum(['HK', 'MO', 'TW']).nullable().optional(),
  validFrom: z.string(),
  /** ISO date or 'long-term'. */
  validTo: z.string(),
  /** validTo is before today (Asia/Shanghai): the read succeeded but the UI must refuse the card. */
  expired: z.boolean(),
  /** 河南省平顶山市卫东区**** — up to the county/district, the rest hidden; confirms a postal address on screen. Absent on cards without an address (foreign permanent resident cards). */
  maskedAddress: z.string().optional(),
  /** Whole years on the day of the read (China time): eligibility rules use it (card.age); the birth date itself stays in the daemon. */
  age: z.int().min(0).max(150).optional(),
  /** 'notDecoded' until a licensed WLT decoder is configured: the UI shows a neutral silhouette. */
  photo: z.enum(['notDecoded', 'decoded', 'decodeFailed']),
  readAt: z.string(),
});
export type CardSummary = z.infer<typeof CardSummary>;

export const cardCommands = {
  'card.read': command({
    args: z.object({ timeoutMs: z.number().int().min(1000).max(120_000).default(30_000) }).strict(),
    result: CardSummary,
    doc: 'Wait for an ID card on the reader and read it (or return the card already read this session). Errors: noCard, cardRemoved, cardUnreadable, samError, transportLost, timeout, cancelled, busy, noDevice, offline, hardwareError.',
  }),
  'card.forget': command({
    args: z.object({}).strict(),
    result: z.object({ forgotten: z.boolean() }),
    doc: 'Drop the card record held for this session (after a refused or declined card) so the next card.read reads a new card.',
  }),
  'card.cancel': command({
    args: z.object({}).strict(),
    result: z.object({ cancelled: z.boolean() }),
    doc: 'Stop waiting for a card (the pending card.read ends with cancelled).',
  }),
};

export const cardEvents = {
  'card.present': event({ data: z.object({ at: z.string() }), doc: 'A card entered the reader field (a read is under way).' }),
  'card.removed': event({
    data: z.object({ at: z.string(), duringRead: z.boolean() }),
    doc: 'The card left the reader field (duringRead: it left before the read completed).',
  }),
};
