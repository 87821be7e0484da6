import type { CapabilityContext } from '../../capability';
import { RpcError, type RpcTable } from '../../fleet/rpc-dispatch';
import { logsTail } from './logs-tail';
import type { TelemetrySource } from './telemetry';

/** Reloading the kiosk page: the page heartbeat's owner provides it. */
export interface PageControl {
  reloadPage(): unknown;
}

/** Restarting the daemon under its service manager: the maintenance/packaging side provides it. */
export interface DaemonControl {
  restartDaemon(): unknown;
}

export interface RpcDeps {
  ctx: CapabilityContext;
  telemetry: TelemetrySource;
  page?: PageControl;
  daemon?: DaemonControl;
}

const MAX_LOG_LINES = 200;

const notConnected = (what: string): never => {
  throw new RpcError('failed', `${what} is not available on this terminal build (no handler was given to the fleet link)`);
};

/**
 * The only commands the platform may send. `ping` and `status` are safe
 * while a resident is at the terminal; the others wait for it to be idle.
 */
export function rpcTable(deps: RpcDeps): RpcTable {
  const { ctx } = deps;
  return {
    ping: { safe: true, run: () => ({ pong: true, time: new Date(ctx.services.clock.now()).toISOString() }) },
    status: { safe: true, run: () => deps.telemetry.snapshot() },
    printTestPage: { safe: false, run: () => ctx.router.invoke('printer.testPage', {}) },
    reloadPage: { safe: false, run: () => (deps.page ? deps.page.reloadPage() : notConnected('reloadPage')) },
    logsTail: {
      safe: false,
      run: (params) => {
        const asked = Number((params as { lines?: unknown })?.lines ?? 50);
        const lines = Number.isFinite(asked) ? Math.min(MAX_LOG_LINES, Math.max(1, Math.round(asked))) : 50;
        return { lines: ctx.config.logging.dir ? logsTail(ctx.config.logging.dir, lines) : [] };
      },
    },
    outboxRetry: {
      safe: false,
      run: async () => {
        ctx.bus.emit('outboxRetry');
        const s = await ctx.router.invoke('outbox.status', {});
        return { pending: s.total, parked: s.parked };
      },
    },
    restartDaemon: { safe: false, run: () => (deps.daemon ? deps.daemon.restartDaemon() : notConnected('restartDaemon')) },
  };
}
