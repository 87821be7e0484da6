import { z } from 'zod';

/**
 * The closed list of error codes a completion may carry. Generic codes first
 * (after XFS4IoT completion codes), then class-specific ones. Add a code here
 * when a capability needs it; the UI maps every code to a locale string.
 */
export const ERROR_CODES = [
  // envelope / dispatch
  'badMessage',
  'unknownCommand',
  'invalidArgs',
  'internalError',
  'unauthorized',
  'tooManyRequests',
  'notSupported',
  'timeout',
  'cancelled',
  'sequenceError',
  // device availability (any class)
  'noDevice',
  'offline',
  'busy',
  'hardwareError',
  // id-card reader
  'noCard',
  'cardRemoved',
  'cardUnreadable',
  'cardExpired',
  'samError',
  'transportLost',
  // printer
  'paperOut',
  'coverOpen',
  'cutterError',
  'jobNotFound',
  'reprintNotAllowed',
  // store / platform
  'storeUnavailable',
  'notFound',
  'noSession',
  'consentRequired',
  'platformUnavailable',
  'platformRejected',
  'needsStaff',
  'duplicateOpen',
  // evaluation
  'alreadyRated',
  // catalog
  'catalogUnavailable',
  // technician
  'pinRequired',
  'pinInvalid',
  // maintenance mode
  'technicianLocked',
  'maintenanceMode',
  'maintenanceRequired',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.object({
  code: ErrorCode,
  message: z.string().max(2000),
  /** Optional machine-readable detail (e.g. zod issue paths for invalidArgs). */
  detail: z.unknown().optional(),
});
export type ApiError = z.infer<typeof ApiError>;
