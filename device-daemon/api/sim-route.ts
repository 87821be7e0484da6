import type { IncomingMessage, ServerResponse } from 'node:http';
import { DeviceId, SimAction } from '../../contract/api';
import { json, text } from './http-replies';

/** Performs a simulator control; resolves to the device status, or rejects (refused control). */
export type SimControl = (device: DeviceId, action: SimAction, param?: string) => Promise<unknown>;

/** A simulator control's body is `{"param": "…"}`: a card id, a scanned text. */
const MAX_SIM_BODY_BYTES = 4096;

/**
 * POST /sim/<device>/<action> (simulated devices only). Nothing runs unless
 * the whole request was read and accepted: a body over the limit is answered
 * 413 and the action does not run (it used to run with no parameter once the
 * connection had been reset).
 */
export async function handleSim(req: IncomingMessage, res: ServerResponse, url: URL, opts: { control?: SimControl; origins: ReadonlySet<string> }): Promise<void> {
  if (req.method !== 'POST') return text(res, 405, 'use POST');
  if (!opts.control) return text(res, 404, 'simulator controls exist only when devices are simulated');
  // A cross-site form post cannot set this content type without a preflight we never answer.
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return text(res, 415, 'send Content-Type: application/json');
  const origin = req.headers.origin;
  if (origin && !opts.origins.has(origin)) return text(res, 403, 'origin not allowed');
  const [, , devicePart, actionPart] = url.pathname.split('/');
  const device = DeviceId.safeParse(devicePart);
  const action = SimAction.safeParse(actionPart);
  if (!device.success || !action.success) {
    return json(res, 404, { error: `unknown device or action; devices: ${DeviceId.options.join(', ')}; actions: ${SimAction.options.join(', ')}` });
  }
  const body = await readBody(req, MAX_SIM_BODY_BYTES);
  if (body === 'aborted') return; // the client went away mid-body: nobody to answer, nothing to do
  if (body === 'tooLarge') {
    discardRest(req);
    return json(res, 413, { error: `the body is over ${MAX_SIM_BODY_BYTES} bytes; nothing was done` });
  }
  let param: string | undefined;
  try {
    const parsed = body ? (JSON.parse(body) as { param?: unknown }) : {};
    if (typeof parsed.param === 'string') param = parsed.param;
  } catch {
    return json(res, 400, { error: 'body must be JSON, e.g. {"param":"resident-valid"}' });
  }
  try {
    return json(res, 200, await opts.control(device.data, action.data, param));
  } catch (err) {
    return json(res, 409, { error: (err as Error).message });
  }
}

/** What a client sends after its body was refused that is still read (and dropped) before the connection is cut. */
const MAX_DISCARDED_BYTES = 1_048_576;

/**
 * The rest of a refused body is read and dropped, so that a client still
 * sending gets the answer rather than a broken pipe; one that goes on past
 * the bound is cut off.
 */
function discardRest(req: IncomingMessage): void {
  let dropped = 0;
  req.on('data', (c: Buffer) => {
    dropped += c.length;
    if (dropped > MAX_DISCARDED_BYTES) req.socket.destroy();
  });
  req.resume();
}

/** The body as text, or why there is none: over the limit (declared or sent), or the request ended before its end. */
export function readBody(req: IncomingMessage, limit: number): Promise<string | 'tooLarge' | 'aborted'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('tooLarge');
  return new Promise((resolve) => {
    let size = 0;
    const chunks: Buffer[] = [];
    let settled = false;
    const settle = (outcome: string | 'tooLarge' | 'aborted') => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(outcome);
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) settle('tooLarge');
      else chunks.push(c);
    };
    req.on('data', onData);
    req.once('end', () => settle(Buffer.concat(chunks).toString('utf8')));
    req.once('error', () => settle('aborted'));
    req.once('close', () => settle('aborted'));
  });
}
