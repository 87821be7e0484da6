import type { CommandArgs, CommandName, CommandResult, EventData, EventName } from '../../contract/api';
import { CommandError, type DaemonLink } from '../../kiosk-ui/src/client/daemon-client';

interface Pending {
  name: CommandName;
  args: unknown;
  resolve: (v: unknown) => void;
  reject: (e: CommandError) => void;
}

/**
 * The daemon as a journey's provider sees it (commands and events), for tests
 * of the UI's wiring without a browser: every command is recorded and stays
 * pending until the test answers it; events are emitted by the test.
 */
export class FakeDaemon implements DaemonLink {
  readonly calls: Array<{ name: CommandName; args: unknown }> = [];
  private readonly pending: Pending[] = [];
  private readonly listeners = new Map<string, Set<(data: unknown) => void>>();

  call<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult<N>> {
    this.calls.push({ name, args });
    return new Promise((resolve, reject) => this.pending.push({ name, args, resolve: resolve as (v: unknown) => void, reject }));
  }

  on<N extends EventName>(name: N, fn: (data: EventData<N>) => void): () => void {
    const set = this.listeners.get(name) ?? new Set<(data: unknown) => void>();
    this.listeners.set(name, set);
    set.add(fn as (d: unknown) => void);
    return () => set.delete(fn as (d: unknown) => void);
  }

  /** The commands of this name sent so far, with their arguments. */
  sent<N extends CommandName>(name: N): CommandArgs<N>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.args as CommandArgs<N>);
  }

  /** Answer the oldest pending command of this name. */
  answer<N extends CommandName>(name: N, result: CommandResult<N>): void {
    this.take(name).resolve(result);
  }

  /** Fail the oldest pending command of this name with a daemon error code. */
  fail(name: CommandName, code: ConstructorParameters<typeof CommandError>[0]): void {
    this.take(name).reject(new CommandError(code, `${name} failed: ${code}`));
  }

  emit<N extends EventName>(name: N, data: EventData<N>): void {
    for (const fn of this.listeners.get(name) ?? []) fn(data);
  }

  listening(name: EventName): number {
    return this.listeners.get(name)?.size ?? 0;
  }

  private take(name: CommandName): Pending {
    const i = this.pending.findIndex((p) => p.name === name);
    if (i < 0) throw new Error(`no ${name} is pending (sent: ${this.calls.map((c) => c.name).join(', ')})`);
    return this.pending.splice(i, 1)[0]!;
  }
}
