import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { waitUntil } from '../../tests/helpers/wait';

/** Debian's broker (`mosquitto`) and its password tool; .ci/run installs them. */
const MOSQUITTO = '/usr/sbin/mosquitto';
const MOSQUITTO_PASSWD = '/usr/bin/mosquitto_passwd';

export interface Broker {
  url: string;
  port: number;
  /** What the broker logged (with logAll, every packet: each CONNECT shows the client id and u'<username>'; the simulator turns it off, as a broker that logs every packet to a pipe is what is measured then). */
  log(): string;
  stop(): Promise<void>;
  /** Started again on the same port (a terminal's link must find it again). */
  start(): Promise<void>;
  /** Frozen (SIGSTOP): the kernel still takes the bytes, the broker answers nothing (a hung broker, a black-holed route). */
  pause(): void;
  /** Killed (SIGKILL, also when paused): its connections close without a word. */
  kill(): Promise<void>;
}

/**
 * A free loopback port below the kernel's ephemeral range (32768–60999 by
 * default). The broker is stopped and started again on its port in the tests:
 * a port from the ephemeral range can be handed, in that gap, to any socket of
 * the machine (a daemon listening on port 0, a client's local end), and the
 * restarted broker then cannot have it back. Ports below the range are only
 * ever taken by a process that asks for them by number.
 */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const srv = createServer();
    const free = await new Promise<boolean>((r) => {
      srv.once('error', () => r(false));
      srv.listen(port, '127.0.0.1', () => r(true));
    });
    if (free) {
      await new Promise<void>((r) => srv.close(() => r()));
      return port;
    }
  }
}

/**
 * Who may connect when the broker checks credentials: `allow_anonymous false`
 * and a password file made with `mosquitto_passwd -b` (username → password).
 * Mosquitto cannot check a username alone (ThingsBoard's bare access token): a
 * user in its password file always has a hash, and a CONNECT without a
 * password, or with an empty one, is refused.
 */
function passwordFile(dir: string, users: Readonly<Record<string, string>>): string[] {
  const file = join(dir, 'passwd');
  writeFileSync(file, '');
  for (const [user, password] of Object.entries(users)) execFileSync(MOSQUITTO_PASSWD, ['-b', file, user, password], { stdio: 'ignore' });
  // Started as root (CI), Mosquitto drops to its own user before it reads the password file, which is in this process's private temp dir: stay this user.
  return ['allow_anonymous false', `password_file ${file}`, `user ${userInfo().username}`];
}

/** A real Mosquitto on a free loopback port with a generated config (a test file's, the fleet simulator's); killed at exit if still running. */
export async function startBroker(opts: { logAll?: boolean; users?: Readonly<Record<string, string>> } = { logAll: true }): Promise<Broker> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-mosquitto-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      ...(opts.users ? passwordFile(dir, opts.users) : ['allow_anonymous true']),
      'persistence false',
      'log_dest stderr',
      ...(opts.logAll ? ['log_type all'] : ['log_type error', 'log_type warning', 'log_type notice']),
      'max_inflight_messages 0',
      'max_queued_messages 0',
      '',
    ].join('\n'),
  );
  let proc: ChildProcess | undefined;
  let out = '';
  const url = `mqtt://127.0.0.1:${port}`;
  /** Sends the signals to the running broker and waits for it to exit (no broker, or one that exited: nothing to do). */
  const ended = async (signals: NodeJS.Signals[]): Promise<void> => {
    const p = proc;
    proc = undefined;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    for (const s of signals) p.kill(s);
    await exited;
  };
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
      // Listening once it answers a CONNECT, letting the probe in or refusing it (a CONNACK code): the log may not say so (the simulator's broker logs errors only).
      const accepts = () =>
        // No retries: a probe without its CONNACK in time closes, which then rejects instead of leaving the promise unsettled.
        connectAsync(url, { reconnectPeriod: 0, connectTimeout: 1000, clientId: `probe-${port}-${Date.now()}` }, false).then(
          (c) => c.endAsync().then(() => true),
          (err: { code?: unknown }) => typeof err.code === 'number',
        );
      await waitUntil(async () => p.exitCode !== null || (await accepts()), { timeoutMs: 10_000, intervalMs: 50, what: 'mosquitto listening' });
      if (p.exitCode !== null) throw new Error(`mosquitto exited with ${p.exitCode}:\n${out.slice(from)}`);
    },
    async stop() {
      // A paused broker takes the SIGTERM once it runs again.
      await ended(['SIGTERM', 'SIGCONT']);
    },
    pause() {
      proc?.kill('SIGSTOP');
    },
    async kill() {
      await ended(['SIGKILL']);
    },
  };
  process.once('exit', () => {
    proc?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  await broker.start();
  return broker;
}
