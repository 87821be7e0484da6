import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import WebSocket from 'ws';
import { API_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../contract/api';
import { compiledEntry } from '../../scripts/build/paths';

export const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Data dirs this helper made (mkdtemp). They are removed when the test file
 * ends, not at stop(): tests restart a daemon on the same dir after stopping
 * the first (e2e restart recovery, store reopen) or read its files afterwards.
 * A daemon that never came up has its dir removed at once.
 */
const madeDirs = new Set<string>();
/** The dirs this helper made that are still on disk (for its own test). */
export const helperDataDirs = (): string[] => [...madeDirs];
export function removeHelperDataDirs(): void {
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
  madeDirs.clear();
}
try {
  afterAll(removeHelperDataDirs);
} catch {
  // imported outside a test file's collection (a bench, a script): clean up at exit
  process.once('exit', removeHelperDataDirs);
}

export interface SpawnedDaemon {
  proc: ChildProcess;
  url: string;
  port: number;
  origin: string;
  dataDir: string;
  configPath: string;
  stdout: () => string;
  stderr: () => string;
  /** The per-boot token, read from the page the daemon serves (as the UI gets it). */
  token(): Promise<string>;
  connect(opts?: { token?: string; origin?: string; protocols?: string[] }): Promise<WebSocket>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** POST /sim/<device>/<action> (simulated devices' controls), with the JSON body the daemon requires. */
  sim(device: string, action: string, param?: string): Promise<Response>;
}

/** Write a config for a test: the shipped one with overrides deep-merged. */
/**
 * A loopback port nothing listens on, taken for this test process: the
 * `server.port` of the configs tests write. kioskctl asks the daemon of its
 * config's port when one answers there; with the shipped port (8080), a kiosk
 * left running on the machine (`npm start`) would answer a test's
 * "no daemon" command instead of the test's own in-process path. (Spawned
 * daemons get `--port` of their own; this port stays closed.)
 */
const CLOSED_PORT: number = await new Promise<number>((resolvePort, reject) => {
  const probe = createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as { port: number };
    probe.close(() => resolvePort(port));
  });
});

export function writeTestConfig(dir: string, patch: Record<string, unknown> = {}): string {
  const base = JSON.parse(readFileSync(join(ROOT, 'kiosk.config.json'), 'utf8')) as Record<string, unknown>;
  delete base.$schema;
  // Journeys in these tests apply for the same item with the same synthetic card again and again; the refusal of
  // an open duplicate is tested on its own (in-process harness, tests/device-daemon/capabilities/submissions).
  const merged = deepMerge(deepMerge(base, { applications: { refuseOpenDuplicates: false }, server: { port: CLOSED_PORT } }), patch);
  const file = join(dir, 'kiosk.config.json');
  writeFileSync(file, JSON.stringify(merged, null, 2));
  return file;
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object' && !Array.isArray(prev) ? deepMerge(prev as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

/**
 * How a test starts the daemon: `compiled` runs dist/daemon.js with plain
 * node, as a terminal does (the global setup builds it once per run);
 * `tsx` transpiles device-daemon/main.ts at every start. KIOSK_FROM_SOURCE=1
 * picks tsx, for a loop of edits run with KIOSK_TEST_SKIP_BUILD=1.
 */
export type DaemonRuntime = 'compiled' | 'tsx';
const DEFAULT_RUNTIME: DaemonRuntime = process.env.KIOSK_FROM_SOURCE === '1' ? 'tsx' : 'compiled';

/**
 * node's arguments that start the daemon in the given runtime (the daemon's
 * own options follow). `appRoot` is a tree holding a compiled dist/, such as
 * the production install's; it defaults to this checkout.
 */
export function daemonEntryArgs(runtime: DaemonRuntime = DEFAULT_RUNTIME, appRoot = ROOT, nodeArgs = ['--enable-source-maps']): string[] {
  if (runtime === 'tsx') return ['--import', 'tsx', join(appRoot, 'device-daemon/main.ts')];
  const entry = compiledEntry('daemon', join(appRoot, 'dist'));
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` (or set KIOSK_FROM_SOURCE=1 to run the sources through tsx)`);
  return [...nodeArgs, entry];
}

/**
 * Start the real daemon (compiled, or through tsx: see DaemonRuntime) on an
 * ephemeral port with its own data dir. Resolves once it prints its listening line.
 */
export async function spawnDaemon(
  opts: {
    config?: Record<string, unknown>;
    dataDir?: string;
    configPath?: string;
    env?: NodeJS.ProcessEnv;
    port?: number;
    runtime?: DaemonRuntime;
    appRoot?: string;
    /** node's own flags before the compiled entry (default: source maps on, for readable test failures). */
    nodeArgs?: string[];
  } = {},
): Promise<SpawnedDaemon> {
  const appRoot = opts.appRoot ?? ROOT;
  const entryArgs = daemonEntryArgs(opts.runtime, appRoot, opts.nodeArgs);
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-test-'));
  if (opts.dataDir === undefined) madeDirs.add(dataDir);
  const configPath = opts.configPath ?? writeTestConfig(dataDir, opts.config);
  const proc = spawn(process.execPath, [...entryArgs, '--config', configPath, '--port', String(opts.port ?? 0), '--data-dir', dataDir], {
    cwd: appRoot,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const listening = await new Promise<{ url: string; port: number }>((resolveP, reject) => {
    const timer = setTimeout(() => reject(new Error(`daemon did not start in 30 s\nstdout:\n${out}\nstderr:\n${err}`)), 30_000);
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.includes('"msg":"listening"'));
      if (line) {
        clearTimeout(timer);
        resolveP(JSON.parse(line) as { url: string; port: number });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`daemon exited with ${code} before listening\nstdout:\n${out}\nstderr:\n${err}`));
    });
  }).catch(async (e: unknown) => {
    // Never leave a half-started daemon or its fresh dir behind.
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGKILL');
      await exited;
    }
    if (opts.dataDir === undefined) {
      rmSync(dataDir, { recursive: true, force: true });
      madeDirs.delete(dataDir);
    }
    throw e;
  });
  const origin = listening.url.replace(/\/$/, '');
  let cachedToken: string | undefined;
  const d: SpawnedDaemon = {
    proc,
    url: listening.url,
    port: listening.port,
    origin,
    dataDir,
    configPath,
    stdout: () => out,
    stderr: () => err,
    async token() {
      if (cachedToken) return cachedToken;
      const html = await (await fetch(listening.url)).text();
      const m = /<meta name="kiosk-token" content="([^"]+)">/.exec(html);
      if (!m) throw new Error(`no token in the served page (is the UI built? run npm run build):\n${html.slice(0, 300)}`);
      cachedToken = m[1]!;
      return cachedToken;
    },
    async connect(c = {}) {
      const token = c.token ?? (await d.token());
      const protocols = c.protocols ?? [API_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`];
      const ws = new WebSocket(`ws://127.0.0.1:${listening.port}/api`, protocols, { origin: c.origin ?? origin });
      await new Promise<void>((res, rej) => {
        ws.once('open', () => res());
        ws.once('error', rej);
        ws.once('unexpected-response', (_req, resp) => rej(new Error(`refused: HTTP ${resp.statusCode}`)));
      });
      return ws;
    },
    sim(device, action, param) {
      return fetch(`${listening.url}sim/${device}/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(param === undefined ? {} : { param }),
      });
    },
    stop(signal = 'SIGTERM') {
      return new Promise((res) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return res(proc.exitCode);
        proc.once('exit', (code) => res(code));
        proc.kill(signal);
      });
    },
  };
  return d;
}

/**
 * One real daemon and one API connection for a describe block (beforeAll /
 * afterAll registered here); the getters are valid inside tests.
 */
export function useDaemon(hooks: { beforeAll: (fn: () => Promise<void>) => void; afterAll: (fn: () => Promise<void>) => void }, opts: Parameters<typeof spawnDaemon>[0] = {}) {
  let d: SpawnedDaemon | undefined;
  let socket: WebSocket | undefined;
  hooks.beforeAll(async () => {
    d = await spawnDaemon(opts);
    socket = await d.connect();
  });
  hooks.afterAll(async () => {
    socket?.close();
    await d?.stop();
  });
  return { daemon: () => d!, ws: () => socket! };
}

/** Send one command and wait for its completion (events are skipped). */
export function call(ws: WebSocket, name: string, args: unknown = {}, id = `t-${Math.random().toString(36).slice(2)}`): Promise<Record<string, any>> {
  return new Promise((resolveP, reject) => {
    const timer = setTimeout(() => reject(new Error(`no completion for ${name} in 15 s`)), 15_000);
    const onMsg = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as Record<string, any>;
      if (msg.kind === 'completion' && msg.id === id) {
        clearTimeout(timer);
        ws.off('message', onMsg);
        resolveP(msg);
      }
    };
    ws.on('message', onMsg);
    ws.send(JSON.stringify({ kind: 'command', id, name, args }));
  });
}

/** Wait for the next event matching a predicate. */
export function nextEvent(ws: WebSocket, match: (e: { name: string; data: any }) => boolean, timeoutMs = 10_000): Promise<{ name: string; data: any }> {
  return new Promise((resolveP, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching event')), timeoutMs);
    const onMsg = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as { kind: string; name: string; data: any };
      if (msg.kind === 'event' && match(msg)) {
        clearTimeout(timer);
        ws.off('message', onMsg);
        resolveP(msg);
      }
    };
    ws.on('message', onMsg);
  });
}
