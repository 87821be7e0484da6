import type { Command } from 'commander';

/**
 * kioskctl's commands by the module that registers them. A command's module
 * brings the daemon code it runs (the config schema, a device driver, the
 * store …), and loading all of them took most of any command's start: a
 * command registers only its own group, loaded when it runs. Help, the
 * version, and a name that is not a command register every group, in this
 * order, so that what they print is the whole CLI.
 */
interface CommandGroup {
  /** The top-level commands the group registers (tests/device-daemon/cli/command-groups.test.ts holds each to its list). */
  commands: readonly string[];
  register: () => Promise<(program: Command) => void>;
}

export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { commands: ['status', 'logs'], register: async () => (await import('./commands/devices')).registerDeviceCommands },
  { commands: ['devices'], register: async () => (await import('./commands/ports')).registerPortCommands },
  { commands: ['config'], register: async () => (await import('./commands/config')).registerConfigCommands },
  { commands: ['pin'], register: async () => (await import('./commands/config')).registerPinSet },
  { commands: ['card'], register: async () => (await import('./commands/card')).registerCardCommands },
  { commands: ['escpos', 'print'], register: async () => (await import('./commands/escpos')).registerEscposCommands },
  { commands: ['printer'], register: async () => (await import('./commands/printer')).registerPrinterCommands },
  { commands: ['outbox', 'counters', 'audit', 'calendar'], register: async () => (await import('./commands/outbox')).registerOutboxCommands },
  { commands: ['scanner'], register: async () => (await import('./commands/scanner')).registerScannerCommands },
  { commands: ['evaldisplay'], register: async () => (await import('./commands/evaldisplay')).registerEvalDisplayCommands },
  { commands: ['store'], register: async () => (await import('./commands/store')).registerStoreCommands },
  { commands: ['udev'], register: async () => (await import('./commands/udev')).registerUdevCommands },
  { commands: ['staff'], register: async () => (await import('./commands/staff')).registerStaffCommands },
];

/** Registers the group of the command named in `args` (process.argv without node and the script), or every group. */
export async function registerCommands(program: Command, args: readonly string[]): Promise<void> {
  const named = COMMAND_GROUPS.find((g) => g.commands.includes(args[0] ?? ''));
  const groups = named ? [named] : COMMAND_GROUPS;
  const registers = await Promise.all(groups.map((g) => g.register()));
  for (const register of registers) register(program);
}
