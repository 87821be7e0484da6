import type * as Mqtt from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import { lazyRequire } from '../lazy-require';
import type { Logger } from 'pino';
import { type BackoffPolicy, backoffDelay } from '../platform/backoff';
import type { OfflineQueue, OfflineQueueStatus } from './offline-queue';
import { isAttributesResponse, rpcRequestId, TOPICS } from './topics';

export interface FleetCredentials {
  /** ThingsBoard's access token, sent as the MQTT username (password empty). */
  username?: string;
  /** With the username, for a broker that checks both (ThingsBoard's MQTT Basic credentials, a Mosquitto password file). */
  password?: string;
  cert?: Buffer;
  key?: Buffer;
  ca?: Buffer;
}

export interface FleetLinkOptions {
  url: string;
  clientId: string;
  credentials: FleetCredentials;
  keepaliveSec: number;
  reconnect: BackoffPolicy;
  queue: OfflineQueue;
  now: () => number;
  log?: Pick<Logger, 'info' | 'warn' | 'debug'>;
  /** Shared attributes asked for at every connect. */
  sharedKeys: readonly string[];
  /** Client attributes published at every connect. */
  clientAttributes?: () => Record<string, unknown>;
  onShared?: (values: Record<string, unknown>) => void;
  /** Resolves to the RPC's result; throws for an error answer (an `code` property is passed on). */
  onRpc?: (method: string, params: unknown) => Promise<unknown>;
}

export type LinkState = 'connecting' | 'connected' | 'offline' | 'stopped';

export interface FleetLinkStatus {
  state: LinkState;
  connects: number;
  lastError: string | null;
  queue: OfflineQueueStatus;
  /** Messages the broker acknowledged (QoS 1) since start. */
  acked: number;
  /** Sent on this connection and not yet acknowledged (publishes, subscriptions). */
  inFlight: number;
}

/** CONNACK refusals that are the terminal's credentials (MQTT 3.1.1 return codes 4, 5; MQTT 5 reason codes 134, 135), with what to check. */
const CONNACK_REFUSALS: Readonly<Record<number, string>> = {
  4: 'check fleet.accessToken and fleet.password',
  5: 'check fleet.accessToken: the platform does not know this device',
  134: 'check fleet.accessToken and fleet.password',
  135: 'check fleet.accessToken: the platform does not know this device',
};

/** Messages in flight at once while the queue drains (mqtt.js keeps them in order on the one connection). */
const FLUSH_WINDOW = 64;
/** RPC ids remembered, so a redelivered request is answered again without running twice. */
const RPC_MEMORY = 256;

/**
 * The terminal's MQTT link to the fleet platform (ThingsBoard's device API),
 * as zigbee2mqtt keeps its MQTT adapter apart from the extensions: it knows
 * topics, credentials, the offline queue and reconnection, not what the
 * daemon publishes. Telemetry always goes through the queue, so what was
 * queued offline and what is new leave in one order. Reconnects back off
 * with jitter, so a district's terminals do not return together.
 */
export class FleetLink {
  private client: MqttClient | undefined;
  private state: LinkState = 'connecting';
  private attempt = 0;
  private connects = 0;
  private acked = 0;
  private lastError: string | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private pendingAttributes: Record<string, unknown> = {};
  private requestId = 0;
  private readonly answered = new Map<string, string>();

  constructor(private readonly opts: FleetLinkOptions) {}

  start(): void {
    const { credentials: c } = this.opts;
    const options: IClientOptions = {
      clientId: this.opts.clientId,
      keepalive: this.opts.keepaliveSec,
      // Reconnection is ours (backoff with jitter); mqtt.js's is a fixed period.
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      clean: true,
      ...(c.username !== undefined ? { username: c.username } : {}),
      ...(c.password !== undefined ? { password: c.password } : {}),
      ...(c.cert ? { cert: c.cert, key: c.key } : {}),
      ...(c.ca ? { ca: c.ca } : {}),
    };
    const client = lazyRequire<typeof Mqtt>('mqtt').connect(this.opts.url, options);
    this.client = client;
    client.on('connect', () => void this.connected());
    client.on('close', () => this.closed());
    client.on('error', (err) => this.failed(err));
    client.on('message', (topic, payload) => void this.message(topic, payload.toString('utf8')));
  }

  /** Telemetry at the device's time: queued, sent at once when the link is up. */
  telemetry(values: Record<string, unknown>, ts = this.opts.now()): void {
    this.opts.queue.push(TOPICS.telemetry, JSON.stringify({ ts, values }));
    this.flush();
  }

  /** Client attributes: state, not history, so while offline only the latest value of each key is kept. */
  attributes(values: Record<string, unknown>): void {
    if (this.state !== 'connected') {
      Object.assign(this.pendingAttributes, values);
      return;
    }
    this.send(TOPICS.attributes, JSON.stringify(values));
  }

  status(): FleetLinkStatus {
    return { state: this.state, connects: this.connects, lastError: this.lastError, queue: this.opts.queue.status(), acked: this.acked, inFlight: Object.keys(this.client?.outgoing ?? {}).length };
  }

  /**
   * Clean shutdown: no more reconnects; what is queued is sent while the link
   * is up, for at most `boundMs`, then the connection closes (what was not
   * acknowledged stays queued for the next start).
   */
  async stop(boundMs: number): Promise<void> {
    clearTimeout(this.retryTimer);
    const wasConnected = this.state === 'connected';
    this.state = 'stopped';
    const client = this.client;
    if (!client) return;
    const deadline = performance.now() + boundMs;
    if (wasConnected) await within(this.drain(), boundMs);
    // A DISCONNECT when nothing awaits an answer; otherwise (or to a broker that stopped answering) the socket is dropped at the bound.
    const ended = client.endAsync(!wasConnected || client.connected === false || Object.keys(client.outgoing).length > 0);
    if (!(await within(ended, Math.max(0, deadline - performance.now())))) {
      client.stream?.destroy();
      await ended;
    }
  }

  private async connected(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'connected';
    this.attempt = 0;
    this.connects++;
    this.opts.log?.info({ url: this.opts.url, connects: this.connects }, 'fleet link up');
    const client = this.client!;
    try {
      await client.subscribeAsync({ [TOPICS.attributes]: { qos: 1 }, [TOPICS.attributesResponse]: { qos: 1 }, [TOPICS.rpcRequest]: { qos: 1 } });
      this.send(TOPICS.attributesRequest(++this.requestId), JSON.stringify({ sharedKeys: this.opts.sharedKeys.join(',') }));
      const attrs = { ...this.opts.clientAttributes?.(), ...this.pendingAttributes };
      this.pendingAttributes = {};
      if (Object.keys(attrs).length) this.send(TOPICS.attributes, JSON.stringify(attrs));
    } catch (err) {
      this.lastError = (err as Error).message;
    }
    this.flush();
  }

  /**
   * A refused CONNECT (bad credentials, not authorised) is said as such, in
   * the status and once in the log, naming the setting to check and never its
   * value; the link keeps trying with its backoff (the platform may be fixed).
   */
  private failed(err: Error & { code?: unknown }): void {
    const refusal = typeof err.code === 'number' ? CONNACK_REFUSALS[err.code] : undefined;
    if (!refusal) {
      this.lastError = err.message;
      return;
    }
    const message = `refused by the broker: ${err.message} (${refusal})`;
    if (message !== this.lastError) this.opts.log?.warn({ url: this.opts.url, code: err.code }, `fleet link ${message}`);
    this.lastError = message;
  }

  private closed(): void {
    this.abandonInFlight();
    if (this.state === 'stopped') return;
    if (this.state === 'connected') this.opts.log?.warn({ lastError: this.lastError }, 'fleet link down; telemetry is queued');
    this.state = 'offline';
    clearTimeout(this.retryTimer);
    const delay = backoffDelay(++this.attempt, this.opts.reconnect);
    this.retryTimer = setTimeout(() => {
      if (this.state === 'stopped') return;
      this.state = 'connecting';
      this.client?.reconnect();
    }, delay);
  }

  /**
   * What was sent on a lost connection is never acknowledged: mqtt.js's
   * reconnect starts an empty store (a clean session) but keeps the messages'
   * callbacks, so their promises would wait for ever, the drain with them (the
   * queue would not move again) and a clean end (it waits for them). Failing
   * them leaves the telemetry in the queue, sent again on the next connection.
   */
  private abandonInFlight(): void {
    const client = this.client;
    if (!client) return;
    for (const id of Object.keys(client.outgoing)) client.removeOutgoingMessage(Number(id));
  }

  private send(topic: string, payload: string): void {
    this.client?.publishAsync(topic, payload, { qos: 1 }).then(
      () => this.acked++,
      (err: Error) => (this.lastError = err.message),
    );
  }

  /** Drains the queue while the link is up; one drain at a time. */
  private flush(): void {
    if (this.state !== 'connected' || this.flushing) return;
    this.flushing = this.drain().finally(() => {
      this.flushing = undefined;
    });
  }

  private async drain(): Promise<void> {
    if (this.flushing) return this.flushing;
    const { queue } = this.opts;
    for (;;) {
      const client = this.client;
      if (!client?.connected) return;
      const rows = queue.peek(FLUSH_WINDOW);
      if (!rows.length) return;
      const results = await Promise.allSettled(
        rows.map((r) =>
          client.publishAsync(r.topic, r.payload, { qos: 1 }).then(() => {
            queue.remove(r.id);
            this.acked++;
          }),
        ),
      );
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) {
        this.lastError = (failed.reason as Error).message;
        return;
      }
    }
  }

  private async message(topic: string, text: string): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      this.opts.log?.warn({ topic }, 'fleet message is not JSON; ignored');
      return;
    }
    if (topic === TOPICS.attributes) return this.shared(body);
    if (isAttributesResponse(topic)) return this.shared((body as { shared?: unknown })?.shared);
    const id = rpcRequestId(topic);
    if (id !== undefined) await this.rpc(id, body as { method?: unknown; params?: unknown });
  }

  /**
   * Only the shared keys asked for: on a plain MQTT broker the device also
   * hears its own client attributes on the same topic (ThingsBoard keeps the
   * scopes apart), and nothing else may steer it.
   */
  private shared(values: unknown): void {
    if (!values || typeof values !== 'object' || Array.isArray(values)) return;
    const picked = Object.fromEntries(Object.entries(values).filter(([k]) => this.opts.sharedKeys.includes(k)));
    if (Object.keys(picked).length) this.opts.onShared?.(picked);
  }

  private async rpc(id: string, req: { method?: unknown; params?: unknown }): Promise<void> {
    const again = this.answered.get(id);
    if (again !== undefined) return this.send(TOPICS.rpcResponse(id), again);
    let answer: unknown;
    try {
      if (typeof req?.method !== 'string') throw Object.assign(new Error('an RPC request needs a method'), { code: 'badRequest' });
      answer = { result: (await this.opts.onRpc?.(req.method, req.params ?? {})) ?? null };
    } catch (err) {
      const e = err as Error & { code?: string };
      answer = { error: { code: e.code ?? 'failed', message: e.message } };
    }
    const text = JSON.stringify(answer);
    this.answered.set(id, text);
    if (this.answered.size > RPC_MEMORY) this.answered.delete(this.answered.keys().next().value!);
    this.send(TOPICS.rpcResponse(id), text);
  }
}

/** Whether `p` settled within `ms` (it is not cancelled past it). */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([
    p.then(
      () => true,
      () => true,
    ),
    new Promise<false>((r) => (timer = setTimeout(() => r(false), ms))),
  ]);
  clearTimeout(timer);
  return settled;
}
