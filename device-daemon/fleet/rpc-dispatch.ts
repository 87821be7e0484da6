/** A command the platform may send: `safe` ones also run while a resident is using the terminal. */
interface RpcHandler {
  safe: boolean;
  run(params: unknown): unknown;
}

export type RpcTable = Readonly<Record<string, RpcHandler>>;

/** An RPC answered with an error: `code` is what the platform's rule chain can branch on. */
export class RpcError extends Error {
  constructor(
    readonly code: 'unknownMethod' | 'residentSession' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs an RPC from the platform through the allow-list: a method not in the
 * table is refused, and so is any unsafe one while a resident's session is
 * active (nobody restarts or prints over a resident's shoulder).
 */
export async function dispatchRpc(table: RpcTable, method: string, params: unknown, residentActive: () => boolean): Promise<unknown> {
  const handler = Object.hasOwn(table, method) ? table[method] : undefined;
  if (!handler) throw new RpcError('unknownMethod', `${method} is not a command this terminal takes (allowed: ${Object.keys(table).join(', ')})`);
  if (!handler.safe && residentActive()) throw new RpcError('residentSession', `${method} is refused while a resident is using the terminal; try again when it is idle`);
  try {
    return await handler.run(params);
  } catch (err) {
    if (err instanceof RpcError) throw err;
    throw new RpcError('failed', (err as Error).message);
  }
}
