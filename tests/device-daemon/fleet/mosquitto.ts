import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import { waitUntil } from '../../helpers/wait';

/** Debian's broker (`mosquitto`); .ci/run installs it. */
const MOSQUITTO = '/usr/sbin/mosquitto';

export interface Broker {
  url: string;
  port: number;
  /** Everything the broker logged (log_type all: each CONNECT shows the client id and u'<username>'). */
  log(): string;
  stop(): Promise<void>;
  /** Started again on the same port (a terminal's link must find it again). */
  start(): Promise<void>;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** A real Mosquitto on a free loopback port with a generated config, for one test file. */
export async function startBroker(): Promise<Broker> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-mosquitto-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest stderr', 'log_type all', 'max_inflight_messages 0', 'max_queued_messages 0', ''].join('\n'),
  );
  let proc: ChildProcess | undefined;
  let out = '';
  const url = `mqtt://127.0.0.1:${port}`;
  const broker: Broker = {
    url,
    port,
    log: () => out,
    async start() {
      const p = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
      proc = p;
      const from = out.length;
      p.stdout!.on('data', (c: Buffer) => (out += c.toString()));
      p.stderr!.on('data', (c: Buffer) => (out += c.toString()));
      await waitUntil(() => out.slice(from).includes(' running') || p.exitCode !== null, { timeoutMs: 10_000, what: 'mosquitto listening' });
      if (p.exitCode !== null) throw new Error(`mosquitto exited with ${p.exitCode}:\n${out}`);
      // The socket is open once a client connects.
      const probe = await connectAsync(url, { reconnectPeriod: 0, clientId: `probe-${port}-${Date.now()}` });
      await probe.endAsync();
    },
    async stop() {
      const p = proc;
      proc = undefined;
      if (!p || p.exitCode !== null) return;
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await exited;
    },
  };
  await broker.start();
  process.once('exit', () => {
    proc?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  return broker;
}

export interface Received {
  topic: string;
  payload: string;
  at: number;
}

/** The platform's side for a test: a subscriber to every device topic that can also publish (RPC requests, shared attributes). */
export async function platformClient(url: string): Promise<{ client: MqttClient; got: Received[]; json: (topic: string) => unknown[] }> {
  const client = await connectAsync(url, { reconnectPeriod: 500, clientId: `platform-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, clean: true });
  const got: Received[] = [];
  client.on('message', (topic, payload) => got.push({ topic, payload: payload.toString('utf8'), at: Date.now() }));
  await client.subscribeAsync('v1/devices/me/#', { qos: 1 });
  return { client, got, json: (topic) => got.filter((m) => m.topic === topic).map((m) => JSON.parse(m.payload)) };
}
