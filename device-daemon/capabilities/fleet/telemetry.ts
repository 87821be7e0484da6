import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { DeviceStatus, PageStatus } from '../../../contract/api';
import { chinaDate } from '../../../contract/domain/china-time';
import { maskText } from '../../../contract/domain/mask-deep';
import type { CapabilityContext } from '../../capability';
import { paperLeft } from '../printer/paper-estimate';

/** ThingsBoard telemetry: flat keys, scalar values. */
export type Telemetry = Record<string, string | number | boolean | null>;

/** The page heartbeat's last state (the UI's liveness: `gone` when the page stopped beating), as the system capability announced it. */
export interface PageHeartbeat {
  state(): PageStatus['state'];
}

/** A device's state and detail as telemetry keys (`printer.state`, `printer.paper` …); strings masked as a second line of defence. */
export function deviceTelemetry(s: DeviceStatus): Telemetry {
  const out: Telemetry = { [`${s.device}.state`]: s.state, [`${s.device}.driver`]: s.driver };
  for (const [k, v] of Object.entries(s.detail)) out[`${s.device}.${k}`] = typeof v === 'string' ? maskText(v) : v;
  return out;
}

/**
 * What the terminal reports every period: devices, the outbox, today's
 * counters, the page heartbeat, memory, event-loop delay and uptime. Only
 * states, counts and ages: nothing a resident typed or carried.
 */
export class TelemetrySource {
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 20 });

  constructor(
    private readonly ctx: CapabilityContext,
    private readonly startedAt: number,
    private readonly heartbeat?: PageHeartbeat,
  ) {
    this.loopDelay.enable();
  }

  async snapshot(): Promise<Telemetry> {
    const { services } = this.ctx;
    const now = services.clock.now();
    const out: Telemetry = {};
    for (const s of services.devices.registry.statuses()) Object.assign(out, deviceTelemetry(s));
    const paper = services.devices.printer ? paperLeft(this.ctx) : null;
    if (paper) out['printer.paperLeftM'] = paper.leftM;
    Object.assign(out, await this.outbox(), this.counters(now), this.followUps(now), this.process(now));
    if (this.heartbeat) out['page.state'] = this.heartbeat.state();
    return out;
  }

  stop(): void {
    this.loopDelay.disable();
  }

  private async outbox(): Promise<Telemetry> {
    try {
      const s = await this.ctx.router.invoke('outbox.status', {});
      return {
        'store.state': s.store,
        'platform.link': s.platform.link,
        'outbox.depth': s.total,
        'outbox.oldestAgeSec': s.oldestAgeSec,
        'outbox.parked': s.parked.rejected + s.parked.needsStaff,
        'outbox.lastErrorCode': s.lastError?.code ?? null,
      };
    } catch {
      return { 'store.state': 'unknown' };
    }
  }

  /** Today's counters (sessions, card reads, prints, submissions by kind, evaluations by level …) as `counters.<name>`. */
  private counters(now: number): Telemetry {
    const o = this.ctx.services.store.current();
    if (!o) return {};
    const out: Telemetry = {};
    for (const [k, v] of Object.entries(o.store.counters.read(chinaDate(now)))) out[`counters.${k}`] = v;
    return out;
  }

  /** 差评 past their follow-up date (the profile's alarm), from the evaluation records. */
  private followUps(now: number): Telemetry {
    const o = this.ctx.services.store.current();
    return o ? { 'evaluations.followUpOverdue': o.store.evaluations.followUps(chinaDate(now)).overdue } : {};
  }

  /** Memory, the event loop's delay since the last snapshot (ms) and uptime. */
  private process(now: number): Telemetry {
    const h = this.loopDelay;
    const out = {
      'process.rssMb': Math.round((process.memoryUsage.rss() / 1048576) * 10) / 10,
      'process.loopDelayP99Ms': h.count ? Math.round(h.percentile(99) / 1e4) / 100 : 0,
      'process.loopDelayMaxMs': h.count ? Math.round(h.max / 1e4) / 100 : 0,
      'process.uptimeSec': Math.round((now - this.startedAt) / 1000),
    };
    h.reset();
    return out;
  }
}
