import { z } from 'zod';
import { ApiError } from './errors';

/** Message envelopes of the local API (command → completion, unsolicited events). */
const RequestId = z.string().min(1).max(64);

export const CommandEnvelope = z
  .object({
    kind: z.literal('command'),
    id: RequestId,
    name: z.string().min(1).max(64),
    args: z.unknown().optional(),
  })
  .strict();
export type CommandEnvelope = z.infer<typeof CommandEnvelope>;

const CompletionOk = z.object({ kind: z.literal('completion'), id: RequestId, ok: z.literal(true), result: z.unknown() }).strict();
const CompletionErr = z.object({ kind: z.literal('completion'), id: RequestId.nullable(), ok: z.literal(false), error: ApiError }).strict();
export const CompletionEnvelope = z.discriminatedUnion('ok', [CompletionOk, CompletionErr]);
export type CompletionEnvelope = z.infer<typeof CompletionEnvelope>;

export const EventEnvelope = z.object({ kind: z.literal('event'), name: z.string().min(1).max(64), data: z.unknown() }).strict();
export type EventEnvelope = z.infer<typeof EventEnvelope>;

export const ServerMessage = z.union([CompletionOk, CompletionErr, EventEnvelope]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Largest frame the daemon accepts from the UI; anything bigger is refused by ws itself. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

/** WebSocket subprotocols: the API version, and the per-boot token carried as `token.<value>`. */
export const API_PROTOCOL = 'kiosk.v1';
export const TOKEN_PROTOCOL_PREFIX = 'token.';
