import { Command } from 'commander';
import { VERSION } from '../version';
import { registerConfigCommands, registerPinSet } from './commands/config';
import { registerCardCommands } from './commands/card';
import { registerEscposCommands } from './commands/escpos';
import { registerEvalDisplayCommands } from './commands/evaldisplay';
import { registerOutboxCommands } from './commands/outbox';
import { registerDeviceCommands } from './commands/devices';
import { registerPortCommands } from './commands/ports';
import { registerPrinterCommands } from './commands/printer';
import { registerScannerCommands } from './commands/scanner';
import { registerStaffCommands } from './commands/staff';
import { registerStoreCommands } from './commands/store';
import { registerUdevCommands } from './commands/udev';

/** kioskctl — the terminal's technician CLI. Each group lives in commands/<group>.ts. */
const program = new Command('kioskctl').description('Technician CLI of the self-service terminal: devices, card reader, printer, config, outbox, logs').version(VERSION).showHelpAfterError();

registerDeviceCommands(program);
registerPortCommands(program);
registerConfigCommands(program);
registerPinSet(program);
registerCardCommands(program);
registerEscposCommands(program);
registerPrinterCommands(program);
registerOutboxCommands(program);
registerScannerCommands(program);
registerEvalDisplayCommands(program);
registerStoreCommands(program);
registerUdevCommands(program);
registerStaffCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`kioskctl: ${(err as Error).message}\n`);
  process.exit(1);
}
