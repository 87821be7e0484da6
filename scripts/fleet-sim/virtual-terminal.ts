import { FleetLink } from '../../device-daemon/fleet/fleet-link';
import { OfflineQueue } from '../../device-daemon/fleet/offline-queue';

const PAPER = ['full', 'full', 'full', 'low', 'out'] as const;
const READER = ['online', 'online', 'online', 'busy', 'offline'] as const;

/**
 * One simulated terminal: the real fleet link (client, offline queue,
 * reconnects) with simulated device status instead of a daemon. Its
 * telemetry carries its number and a sequence, so the subscriber can check
 * that each message arrived exactly once, and the time it was taken.
 */
export class VirtualTerminal {
  readonly link: FleetLink;
  private readonly queue = new OfflineQueue(':memory:', 10_000);
  private seq = 0;
  private paper = 0;
  private reader = 0;

  constructor(
    readonly index: number,
    url: string,
  ) {
    this.link = new FleetLink({
      url,
      clientId: `sim-${index}`,
      credentials: { username: `sim-token-${index}` },
      keepaliveSec: 30,
      reconnect: { baseMs: 1000, maxMs: 30_000 },
      queue: this.queue,
      now: Date.now,
      sharedKeys: ['config', 'catalogVersion'],
      clientAttributes: () => ({ terminalId: `SIM${String(index).padStart(5, '0')}`, version: 'sim' }),
    });
  }

  get published(): number {
    return this.seq;
  }

  start(): void {
    this.link.start();
  }

  /** One period's telemetry; the devices' state drifts now and then, as a district's does. */
  tick(): void {
    if (Math.random() < 0.05) this.paper = (this.paper + 1) % PAPER.length;
    if (Math.random() < 0.02) this.reader = (this.reader + 1) % READER.length;
    this.link.telemetry({
      'sim.terminal': this.index,
      'sim.seq': ++this.seq,
      'sim.takenAt': performance.timeOrigin + performance.now(),
      'printer.state': this.paper === 4 ? 'hardwareError' : 'online',
      'printer.paper': PAPER[this.paper]!,
      'idCardReader.state': READER[this.reader]!,
      'outbox.depth': (this.seq * 7) % 5,
      'outbox.oldestAgeSec': null,
      'process.rssMb': 70 + (this.index % 20),
      'process.uptimeSec': this.seq,
    });
  }

  queued(): number {
    return this.queue.status().depth;
  }

  async stop(): Promise<void> {
    await this.link.stop(1000);
    this.queue.close();
  }
}
