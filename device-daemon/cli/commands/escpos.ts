import type { Command } from 'commander';

// kioskctl escpos … and print (issue 4)
export function registerEscposCommands(_program: Command): void {}
