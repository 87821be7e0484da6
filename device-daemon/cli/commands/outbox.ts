import type { Command } from 'commander';

// kioskctl outbox … (issue 5)
export function registerOutboxCommands(_program: Command): void {}
