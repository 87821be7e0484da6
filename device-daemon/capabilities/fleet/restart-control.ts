import type { CapabilityContext } from '../../capability';
import { RpcError } from '../../fleet/rpc-dispatch';
import type { DaemonControl } from './rpc-handlers';

/**
 * The platform's `restartDaemon`: the same clean stop as maintenance.restart,
 * and only where a supervisor starts the daemon again (systemd Restart=always).
 * An unsupervised daemon would stay stopped, with nobody at the terminal to start it.
 */
export function restartControl(ctx: CapabilityContext, restart: { stop: () => void; supervised: boolean } | undefined): DaemonControl | undefined {
  if (!restart) return undefined;
  return {
    restartDaemon() {
      if (!restart.supervised) throw new RpcError('failed', 'this daemon runs without a supervisor: it would stay stopped');
      ctx.log.warn({}, 'restart asked by the fleet platform');
      ctx.bus.emit('audit', { action: 'fleet.restartDaemon', detail: {} });
      // After the answer has gone out: the platform hears "restarting" before the link drops.
      setTimeout(restart.stop, 500);
      return { restarting: true };
    },
  };
}
