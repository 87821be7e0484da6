import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { DiscoveredPort } from '../../devices/discovery/discovered-port';
import { DEVICE_ROLES, isDeviceRole } from '../../devices/discovery/device-binding';
import { discoverPorts } from '../../devices/discovery/discover';
import { type DaemonOrFileOpts, withDaemonOrFile } from '../daemon-or-file';
import { DEFAULT_CONFIG } from './config';
import { BIND_EXIT, bindInFile, bindViaDaemon } from './devices-bind';

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
      `bind a device role (${DEVICE_ROLES.join(', ')}) to a listed port by its stable identity (saved through the config's schema check, previous file kept as .bak), then probe it in its own protocol. When a daemon answers it does this (technician PIN, audited); it keeps the device it opened at start, so the binding is used after a restart. With no daemon (or --file) the file is written here (probed here when no daemon runs). Exit 0 bound (and answered), 2 refused, 3 bound but it did not answer, 4 PIN refused, 5 no such port, 1 the daemon failed otherwise`,
    )
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('-p, --port <port>', "the daemon's port, instead of server.port in the config")
    .option('--file', 'work on the file, not through the running daemon (no PIN asked)')
    .option('--json', 'print JSON: { via, daemon, section, probe, applied, restartNeeded, note }')
    .action(async (role: string, portId: string, opts: DaemonOrFileOpts & { config: string; json?: boolean }) => {
      if (!isDeviceRole(role)) {
        process.stderr.write(`kioskctl: unknown role ${JSON.stringify(role)}: one of ${DEVICE_ROLES.join(', ')}\n`);
        process.exitCode = BIND_EXIT.refused;
        return;
      }
      const file = resolve(opts.config);
      const json = Boolean(opts.json);
      const code = await withDaemonOrFile(
        file,
        opts,
        (api) => bindViaDaemon(api, file, role, portId, json),
        (why) => bindInFile(file, role, portId, { port: opts.port, json }, why),
      );
      // Undefined: the PIN was refused, its exit code already set.
      if (code !== undefined) process.exitCode = code;
    });
}
