import type { Command } from 'commander';
import { resolve } from 'node:path';
import { EVALUATION_LEVELS } from '../../../contract/api/submission';
import { loadConfig } from '../../config/load';
import { DaemonApi } from '../daemon-api';
import { fetchHealth } from '../daemon-link';
import { DEFAULT_CONFIG } from './config';

/** Exit codes of `evaldisplay test` (documented in --help and the README). */
const EVAL_TEST_EXIT = { pressed: 0, noPress: 2, noDevice: 3, noDaemon: 4, busy: 5 } as const;

interface TestOpts {
  config: string;
  port?: string;
  timeout: string;
  json?: boolean;
}

interface Invitation {
  eventKey: string;
  url: string;
  device: { shows: 'qr' | 'text' | 'none'; rates: boolean; state: string };
}

type Outcome =
  | { exit: typeof EVAL_TEST_EXIT.pressed; level: number; label: string; device: Invitation['device'] }
  | { exit: Exclude<(typeof EVAL_TEST_EXIT)[keyof typeof EVAL_TEST_EXIT], 0>; message: string; device?: Invitation['device'] };

function report(o: Outcome, json: boolean | undefined): void {
  process.exitCode = o.exit;
  if (json) return void process.stdout.write(`${JSON.stringify(o, null, 2)}\n`);
  if (o.exit === EVAL_TEST_EXIT.pressed) return void process.stdout.write(`pressed: level ${o.level} (${o.label})\n`);
  process.stderr.write(`kioskctl: ${o.message}\n`);
}

/** What the daemon's /health says of the evaluation device, before anything is shown on it. */
async function precheck(configFile: string, port: string | undefined): Promise<Outcome | undefined> {
  const h = await fetchHealth(configFile, port);
  if ('error' in h) return { exit: EVAL_TEST_EXIT.noDaemon, message: h.error };
  const showing = (h.health as { evaluation?: { showing?: string | null } }).evaluation?.showing;
  // A resident may be rating on the device right now: the test never takes the device from them.
  if (showing) return { exit: EVAL_TEST_EXIT.busy, message: 'the evaluation device shows a resident’s invitation now; try again when it stands down' };
  return undefined;
}

/** Presses on the device by event key, heard from before the invitation is sent: a press can come before its completion. */
function hearPresses(api: DaemonApi): { next(eventKey: string, timeoutMs: number): Promise<number | undefined> } {
  const heard = new Map<string, number>();
  let waiting: { eventKey: string; res: (level: number) => void } | undefined;
  api.on('evaluation.devicePress', (data) => {
    const d = data as { eventKey: string; level: number };
    if (waiting?.eventKey === d.eventKey) waiting.res(d.level);
    else heard.set(d.eventKey, d.level);
  });
  return {
    next: (eventKey, timeoutMs) =>
      new Promise((res) => {
        const early = heard.get(eventKey);
        if (early !== undefined) return res(early);
        const timer = setTimeout(() => res(undefined), timeoutMs);
        const stop = () => {
          clearTimeout(timer);
          res(undefined);
        };
        process.once('SIGINT', stop);
        api.onClose(stop);
        waiting = {
          eventKey,
          res: (level) => {
            clearTimeout(timer);
            res(level);
          },
        };
      }),
  };
}

/** Waits for a press of the invitation's event, or the timeout / Ctrl-C; always stands the device down. */
async function awaitPress(api: DaemonApi, presses: ReturnType<typeof hearPresses>, inv: Invitation, timeoutMs: number): Promise<Outcome> {
  const press = await presses.next(inv.eventKey, timeoutMs);
  // Nothing is recorded: the test's invitation is dismissed, as the maintenance screen's is.
  if (api.open) await api.call('evaluation.dismiss', { eventKey: inv.eventKey });
  if (press !== undefined) return { exit: EVAL_TEST_EXIT.pressed, level: press, label: EVALUATION_LEVELS[press as keyof typeof EVALUATION_LEVELS], device: inv.device };
  const why = inv.device.rates ? 'no level was pressed' : 'this device has no keys (a text display): look whether it showed 请扫码评价';
  return { exit: EVAL_TEST_EXIT.noPress, message: `shown on the evaluation device; ${why} within ${timeoutMs / 1000} s`, device: inv.device };
}

async function runTest(opts: TestOpts): Promise<Outcome> {
  const configFile = resolve(opts.config);
  const before = await precheck(configFile, opts.port);
  if (before) return before;
  const api = await DaemonApi.connect(loadConfig(configFile), opts.port);
  if ('error' in api) return { exit: EVAL_TEST_EXIT.noDaemon, message: api.error };
  try {
    const presses = hearPresses(api);
    const invited = await api.call('evaluation.invite', {});
    if (!invited.ok) return { exit: EVAL_TEST_EXIT.noDevice, message: `the daemon refused the test invitation: ${invited.error.message}` };
    const inv = invited.result as Invitation;
    if (inv.device.shows === 'none' || inv.device.state !== 'online') {
      await api.call('evaluation.dismiss', { eventKey: inv.eventKey });
      return {
        exit: EVAL_TEST_EXIT.noDevice,
        message: `no evaluation device showed the test (driver shows ${inv.device.shows}, state ${inv.device.state}): kioskctl status says why`,
        device: inv.device,
      };
    }
    if (!opts.json) process.stderr.write(`the evaluation device shows the test ${inv.device.shows === 'qr' ? 'QR' : 'text'}; press a level on it (waiting ${opts.timeout} s)\n`);
    return await awaitPress(api, presses, inv, Number(opts.timeout) * 1000);
  } finally {
    api.close();
  }
}

export function registerEvalDisplayCommands(program: Command): void {
  const evaldisplay = program.command('evaldisplay').description('the evaluation device (好差评): test it through the running daemon');
  evaldisplay
    .command('test')
    .description(
      `show a test QR on the configured evaluation device through the running daemon and wait for a level to be pressed there (nothing is recorded). Exit ${EVAL_TEST_EXIT.pressed} pressed (the level printed), ${EVAL_TEST_EXIT.noPress} shown but no press within the timeout, ${EVAL_TEST_EXIT.noDevice} no device showed it (none configured, absent, offline), ${EVAL_TEST_EXIT.noDaemon} no daemon answers, ${EVAL_TEST_EXIT.busy} the device shows a resident's invitation now`,
    )
    .option('-c, --config <file>', 'config file (its server.port is used)', DEFAULT_CONFIG)
    .option('--port <n>', 'the daemon’s port, instead of server.port')
    .option('-t, --timeout <seconds>', 'how long to wait for a press', '30')
    .option('--json', 'print the outcome as JSON (stdout)')
    .action(async (opts: TestOpts) => {
      if (!(Number(opts.timeout) > 0)) throw new Error('--timeout takes a number of seconds above 0');
      report(await runTest(opts), opts.json);
    });
}
