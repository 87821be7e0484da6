import type { Command } from 'commander';

// kioskctl card … (issue 3)
export function registerCardCommands(_program: Command): void {}
