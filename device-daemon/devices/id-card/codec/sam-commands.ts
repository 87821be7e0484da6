import { buildRequest } from './sam-frame';

/**
 * The SAM_V commands the driver sends (reference §3), with the reply SW3 that
 * means success, the documented reply frame size and the time the module may
 * take before it starts answering (vendor SDK timeouts, §8). Wire time at the
 * configured baud is added on top by the client.
 */
export interface SamCommandDef {
  cmd: number;
  para: number;
  /** Reply SW3 meaning success. */
  ok: number;
  /** Documented reply frame size in bytes (undefined where the sources do not say). */
  replyBytes: number | undefined;
  /** Processing allowance before the reply, ms. */
  timeoutMs: number;
}

export const SAM_COMMANDS = {
  resetSam: { cmd: 0x10, para: 0xff, ok: 0x90, replyBytes: 11, timeoutMs: 300 },
  samStatus: { cmd: 0x11, para: 0xff, ok: 0x90, replyBytes: 11, timeoutMs: 300 },
  samId: { cmd: 0x12, para: 0xff, ok: 0x90, replyBytes: 27, timeoutMs: 300 },
  findCard: { cmd: 0x20, para: 0x01, ok: 0x9f, replyBytes: 15, timeoutMs: 500 },
  selectCard: { cmd: 0x20, para: 0x02, ok: 0x90, replyBytes: 19, timeoutMs: 500 },
  readBase: { cmd: 0x30, para: 0x01, ok: 0x90, replyBytes: 1295, timeoutMs: 3500 },
  readBaseFingerprint: { cmd: 0x30, para: 0x10, ok: 0x90, replyBytes: 2321, timeoutMs: 3500 },
  readAppendedAddress: { cmd: 0x30, para: 0x03, ok: 0x90, replyBytes: 81, timeoutMs: 1000 },
  /** 卡体管理号: reply length undocumented [U]; defined for completeness, not used by the driver. */
  readManagementNo: { cmd: 0x30, para: 0x05, ok: 0x90, replyBytes: undefined, timeoutMs: 1000 },
  setRfFrameSize: { cmd: 0x61, para: 0xff, ok: 0x90, replyBytes: 11, timeoutMs: 300 },
} as const satisfies Record<string, SamCommandDef>;

export type SamCommandName = keyof typeof SAM_COMMANDS;

export function requestFrame(name: SamCommandName, data?: Uint8Array): Buffer {
  const c = SAM_COMMANDS[name];
  return buildRequest(c.cmd, c.para, data);
}
