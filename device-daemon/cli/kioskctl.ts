import { Command } from 'commander';
import { VERSION } from '../version';
import { registerCommands } from './command-groups';

/** kioskctl — the terminal's technician CLI. Each group lives in commands/<group>.ts (command-groups.ts: which is loaded when). */
const program = new Command('kioskctl').description('Technician CLI of the self-service terminal: devices, card reader, printer, config, outbox, logs').version(VERSION).showHelpAfterError();

try {
  // Inside the try: a command's module that fails to load is reported as any other failure, not as an uncaught stack.
  await registerCommands(program, process.argv.slice(2));
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`kioskctl: ${(err as Error).message}\n`);
  process.exit(1);
}
