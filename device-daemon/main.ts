import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ConfigError } from './config/load';
import { startDaemon } from './app';
import { superviseBySystemd, type Supervision } from './service-manager';
import { ROOT_DIR, VERSION } from './version';

// Entry point of `npm start`: load config, start devices and the API, print the URL.
const { values } = parseArgs({
  options: {
    config: { type: 'string', short: 'c' },
    port: { type: 'string', short: 'p' },
    'data-dir': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const configPath = resolve(values.config ?? process.env.KIOSK_CONFIG ?? `${ROOT_DIR}/kiosk.config.json`);

// maintenance.restart ends the process as a signal would; the supervisor (systemd: Restart=always) starts it again.
let restartRequested = (): void => undefined;

try {
  const daemon = await startDaemon({
    configPath,
    port: values.port !== undefined ? Number(values.port) : undefined,
    dataDir: values['data-dir'],
    quiet: values.quiet,
    restart: { stop: () => restartRequested(), supervised: process.env.NOTIFY_SOCKET !== undefined },
  });
  // Handlers first: a supervisor may signal as soon as it reads the listening line.
  // A second signal (a supervisor that repeats SIGTERM, Ctrl-C pressed twice) must not cut the
  // shutdown short: with `once` it met Node's default action and killed the process before the
  // store was closed. The handlers stay, and later signals are only acknowledged; the 10 s guard
  // is what ends a shutdown that hangs.
  let closing = false;
  let supervision: Supervision | undefined;
  const shutdown = (signal: string) => {
    if (closing) {
      process.stderr.write(`${signal}: already closing, waiting for it to finish\n`);
      return;
    }
    closing = true;
    supervision?.stopping();
    process.stderr.write(`\n${signal}: closing devices and storage…\n`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void daemon.stop().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`shutdown failed: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  restartRequested = () => shutdown('maintenance.restart');

  const simulated = daemon.registry.simulatedIds();
  const lines = [
    `Kiosk daemon ${VERSION} — terminal ${daemon.config.terminalId} (${daemon.config.site.name})`,
    `  UI:      ${daemon.url}`,
    `  health:  ${daemon.url}health`,
    ...daemon.registry.statuses().map((s) => `  ${s.device.padEnd(13)} ${s.state.padEnd(13)} ${s.driver}${s.reason && s.state !== 'online' ? ` — ${s.reason}` : ''}`),
  ];
  if (simulated.length) lines.push(`  simulated devices: ${simulated.join(', ')} (controls: POST ${daemon.url}sim/<device>/<action>)`);
  process.stderr.write(`${lines.join('\n')}\n`);
  // Machine-readable line for tests and supervisors.
  process.stdout.write(`${JSON.stringify({ msg: 'listening', url: daemon.url, port: daemon.port })}\n`);
  // Under systemd (Type=notify): ready now that it listens, then the watchdog.
  supervision = superviseBySystemd({ log: daemon.log, url: daemon.url, storeAnswers: daemon.storeAnswers });
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\nThe daemon did not start. Fix the file and run again (npm run config:check -- ${err.file}).\n`);
    process.exit(2);
  }
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE' || e.code === 'EACCES') {
    process.stderr.write(
      `Cannot listen: ${e.code === 'EADDRINUSE' ? 'the port is already in use (is another kiosk daemon running?)' : 'permission denied'} — ${e.message}.\n` +
        `Stop the other process or change server.port in ${configPath}.\n`,
    );
    process.exit(3);
  }
  process.stderr.write(`The daemon failed to start: ${e.stack ?? e.message}\n`);
  process.exit(1);
}
