import type { Command } from 'commander';
import { resolve } from 'node:path';
import { ConfigError } from '../../config/load';
import type { DiscoveredPort } from '../../devices/discovery/discovered-port';
import { BindingRefused, DEVICE_ROLES, bindDevice, isDeviceRole } from '../../devices/discovery/device-binding';
import { discoverPorts, findPort } from '../../devices/discovery/discover';
import { probeDevice } from '../../devices/discovery/probe';
import { daemonRunning } from '../daemon-link';
import { DEFAULT_CONFIG } from './config';

/** Exit codes of `devices bind` (documented in the README's kioskctl section). */
const BIND_EXIT = { bound: 0, failed: 1, refused: 2, noAnswer: 3, noSuchPort: 5 } as const;

const portLine = (p: DiscoveredPort) =>
  [
    p.id.padEnd(36),
    p.path.padEnd(14),
    [p.manufacturer, p.product].filter(Boolean).join(' ') || '-',
    p.byIdPath ? `\n${' '.repeat(38)}${p.byIdPath}` : '',
    p.stable ? '' : '  (no USB identity: bound by this path)',
  ].join(' ');

export function registerPortCommands(program: Command): void {
  const devices = program.command('devices').description('the serial ports and HID devices of this machine, and which one each device role uses');
  devices
    .command('list')
    .description('list serial ports (USB ids, serial number, manufacturer, /dev/serial/by-id link) and HID interfaces, each with the id `devices bind` takes')
    .option('--json', 'print JSON: { ports, problems }')
    .action(async (opts: { json?: boolean }) => {
      const d = await discoverPorts();
      if (opts.json) process.stdout.write(`${JSON.stringify(d, null, 2)}\n`);
      else {
        process.stdout.write(d.ports.length ? `${d.ports.map(portLine).join('\n')}\n` : 'no serial port or HID device found\n');
        for (const p of d.problems) process.stderr.write(`kioskctl: ${p}\n`);
      }
    });
  devices
    .command('bind <role> <port-id>')
    .description(
      `bind a device role (${DEVICE_ROLES.join(', ')}) to a listed port by its stable identity (saved through the config's schema check, previous file kept as .bak), then probe it in its own protocol; exit 0 bound (and answered), 2 refused, 3 bound but it did not answer, 5 no such port`,
    )
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('-p, --port <port>', "the daemon's port, instead of server.port in the config")
    .option('--json', 'print JSON: { section, probe, daemon }')
    .action(async (role: string, portId: string, opts: { config: string; port?: string; json?: boolean }) => {
      process.exitCode = await bind(resolve(opts.config), role, portId, { json: Boolean(opts.json), port: opts.port });
    });
}

async function bind(file: string, role: string, portId: string, { json, port: daemonPort }: { json: boolean; port: string | undefined }): Promise<number> {
  const fail = (code: number, message: string) => {
    process.stderr.write(`kioskctl: ${message}\n`);
    return code;
  };
  if (!isDeviceRole(role)) return fail(BIND_EXIT.refused, `unknown role ${JSON.stringify(role)}: one of ${DEVICE_ROLES.join(', ')}`);
  const port = findPort(await discoverPorts(), portId);
  if (!port) return fail(BIND_EXIT.noSuchPort, `no port ${portId} is attached now (kioskctl devices list)`);
  let saved: ReturnType<typeof bindDevice>;
  try {
    saved = bindDevice(file, role, port);
  } catch (err) {
    if (err instanceof BindingRefused) return fail(BIND_EXIT.refused, err.message);
    throw err;
  }
  if (!saved.ok) return fail(BIND_EXIT.refused, new ConfigError(file, saved.problems).message);
  const section = saved.section ?? {};
  // The running daemon keeps its devices open: a probe would meet a busy port, and the new binding is used after a restart.
  const daemon = await daemonRunning(file, daemonPort);
  const probe = daemon ? undefined : await probeDevice(role, section);
  const where = daemon ? 'a daemon is running: restart it to use the new binding (it probes the device when it opens it)' : 'no daemon is running: the config file was changed directly';
  if (json) process.stdout.write(`${JSON.stringify({ section, probe: probe ?? null, daemon: daemon ? 'running' : 'none' }, null, 2)}\n`);
  else process.stdout.write(`${file}: devices.${role} = ${JSON.stringify(section)}\n${where}\n${probe ? `probe: ${probe.detail}\n` : ''}`);
  return probe?.probed && !probe.answered ? BIND_EXIT.noAnswer : BIND_EXIT.bound;
}
