import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import type { CommandName } from '../../contract/api';
import type { ApiLimits } from '../config/schema';
import { ConnectionLimits } from './connection-limits';
import { errorCompletion, type CommandRouter } from './router';

/** What the session hears from the API: which connection runs which command, and which one went away. */
export interface ConnectionObserver {
  /** A command of connection `connId` passed the limits and is about to run (its name as parsed, never matched in the raw text). */
  command(connId: number, name: CommandName): void;
  closed(connId: number): void;
}

export interface ConnectionDeps {
  router: CommandRouter;
  limits: ApiLimits;
  now: () => number;
  log: Logger;
  observer?: ConnectionObserver;
}

/**
 * One page's WebSocket: each message parsed once, admitted by the
 * connection's limits (or answered tooManyRequests at once), run, answered.
 * Nothing waits in the daemon for a page that does not read: once what is
 * buffered for it passes the limit it is disconnected, and the answers still
 * on their way are dropped.
 */
export class ApiConnection {
  private readonly limits: ConnectionLimits;
  private refused = 0;

  constructor(
    private readonly ws: WebSocket,
    readonly connId: number,
    private readonly deps: ConnectionDeps,
  ) {
    this.limits = new ConnectionLimits(deps.limits, deps.now);
    deps.log.info({ connId }, 'UI connected');
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('error', (err) => deps.log.warn({ connId, err: err.message }, 'UI socket error'));
    ws.on('close', () => {
      deps.log.info({ connId, ...(this.refused ? { refusedTooManyRequests: this.refused } : {}) }, 'UI disconnected');
      deps.observer?.closed(connId);
    });
  }

  /** Send an already serialised message (a broadcast is serialised once for every page). */
  sendText(text: string): void {
    const { ws } = this;
    if (ws.readyState !== ws.OPEN) return;
    ws.send(text);
    const buffered = ws.bufferedAmount;
    if (buffered > this.deps.limits.maxBufferedBytes) {
      this.deps.log.warn({ connId: this.connId, bufferedBytes: buffered, maxBufferedBytes: this.deps.limits.maxBufferedBytes }, 'API connection cut: it does not read what the daemon sends');
      ws.terminate();
    }
  }

  private send(message: unknown): void {
    this.sendText(JSON.stringify(message));
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) return this.send(errorCompletion(null, 'badMessage', 'binary frames are not part of the API'));
    const parsed = this.deps.router.parse(data.toString('utf8'));
    if (!parsed.ok) return this.send(parsed.completion);
    const cmd = parsed.command;
    const admission = this.limits.admit(cmd);
    if (!admission.ok) {
      // One line when a connection starts being refused, not one per refusal (a flood must not write the log).
      if (this.refused++ === 0) this.deps.log.warn({ connId: this.connId, command: cmd.name, why: admission.message }, 'API connection over its limits: answering tooManyRequests');
      return this.send(errorCompletion(cmd.id, 'tooManyRequests', admission.message, { retryAfterMs: admission.retryAfterMs }));
    }
    this.deps.observer?.command(this.connId, cmd.name);
    void this.deps.router.run(cmd, { connId: this.connId }).then((completion) => {
      this.limits.done();
      this.send(completion);
    });
  }
}
