import type { Logger } from 'pino';
import type { z } from 'zod';
import { CommandEnvelope, commandDefs, isCommandName, type ApiError, type CommandArgs, type CommandName, type CommandResult, type CompletionEnvelope, type ErrorCode } from '../../contract/api';
import { formatIssues } from '../config/format-issues';

/** A handler's way to answer with an error code from the closed list. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export interface ConnectionInfo {
  connId: number;
}

/** A message that is a command of the contract: a known name, arguments not yet checked. */
export interface ParsedCommand {
  id: string;
  name: CommandName;
  args: unknown;
}

export type ParsedMessage = { ok: true; command: ParsedCommand } | { ok: false; completion: CompletionEnvelope };

export type Handler<N extends CommandName> = (args: CommandArgs<N>, conn: ConnectionInfo) => Promise<CommandResult<N>> | CommandResult<N>;

/**
 * Checks every incoming message against the contract, runs the handler, and
 * checks the result before it leaves. Nothing a page sends can throw out of
 * dispatch(): every path ends in a completion.
 */
export class CommandRouter {
  private readonly handlers = new Map<string, Handler<CommandName>>();
  /** Refuses a page's command before it runs (maintenance mode refuses residents' commands); in-process invoke() is not gated. */
  private gate: (name: CommandName) => ApiFailure | undefined = () => undefined;

  constructor(private readonly log: Logger) {}

  setGate(gate: (name: CommandName) => ApiFailure | undefined): void {
    this.gate = gate;
  }

  register<N extends CommandName>(name: N, handler: Handler<N>): void {
    if (this.handlers.has(name)) throw new Error(`handler for ${name} registered twice`);
    this.handlers.set(name, handler as unknown as Handler<CommandName>);
  }

  has(name: string): boolean {
    return this.handlers.has(name);
  }

  /**
   * An in-process call, checked like one from the page (arguments before,
   * result after): one capability uses another's command (receipt.print →
   * printer.print) without reaching into its internals. Failures throw ApiFailure.
   */
  async invoke<N extends CommandName>(name: N, args: CommandArgs<N>, conn: ConnectionInfo = { connId: 0 }): Promise<CommandResult<N>> {
    const handler = this.handlers.get(name);
    if (!handler) throw new ApiFailure('notSupported', `${name} is not available on this terminal`);
    const def = commandDefs[name] as { args: z.ZodType; result: z.ZodType };
    const parsed = def.args.safeParse(args);
    if (!parsed.success) throw new ApiFailure('invalidArgs', `invalid arguments for ${name}: ${formatIssues(parsed.error.issues).join('; ')}`);
    const result = await handler(parsed.data as never, conn);
    const checked = def.result.safeParse(result);
    if (!checked.success) throw new ApiFailure('internalError', `the daemon produced an invalid result for ${name}`);
    return checked.data as CommandResult<N>;
  }

  /** parse() then run(): one message from the page to its completion. */
  async dispatch(text: string, conn: ConnectionInfo): Promise<CompletionEnvelope> {
    const parsed = this.parse(text);
    return parsed.ok ? this.run(parsed.command, conn) : parsed.completion;
  }

  /**
   * Read a message as a command of the contract. Whatever decides on a
   * command before it runs (the session's owner, rate limits) reads the name
   * from here, never from the raw text: JSON has more than one way to spell it.
   */
  parse(text: string): ParsedMessage {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return refused(null, 'badMessage', 'message is not valid JSON');
    }
    const env = CommandEnvelope.safeParse(raw);
    if (!env.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id.slice(0, 64) || null : null;
      return refused(id, 'badMessage', `not a command envelope: ${formatIssues(env.error.issues).join('; ')}`);
    }
    const { id, name, args } = env.data;
    if (!isCommandName(name)) return refused(id, 'unknownCommand', `unknown command ${JSON.stringify(name)}`);
    return { ok: true, command: { id, name, args } };
  }

  /** Check the arguments, run the handler, check its result: every path ends in a completion. */
  async run({ id, name, args: rawArgs }: ParsedCommand, conn: ConnectionInfo): Promise<CompletionEnvelope> {
    const handler = this.handlers.get(name);
    if (!handler) return errorCompletion(id, 'notSupported', `${name} is not available on this terminal`);
    const refusal = this.gate(name);
    if (refusal) return errorCompletion(id, refusal.code, refusal.message);
    const def = commandDefs[name] as { args: z.ZodType; result: z.ZodType };
    const args = def.args.safeParse(rawArgs ?? {});
    if (!args.success) {
      const problems = formatIssues(args.error.issues);
      return errorCompletion(id, 'invalidArgs', `invalid arguments for ${name}: ${problems.join('; ')}`, problems);
    }
    try {
      const result = await handler(args.data as never, conn);
      const checked = def.result.safeParse(result);
      if (!checked.success) {
        this.log.error({ command: name, problems: formatIssues(checked.error.issues) }, 'handler result does not match the contract');
        return errorCompletion(id, 'internalError', `the daemon produced an invalid result for ${name}`);
      }
      return { kind: 'completion', id, ok: true, result: checked.data };
    } catch (err) {
      if (err instanceof ApiFailure) return errorCompletion(id, err.code, err.message, err.detail);
      this.log.error({ command: name, err: { message: (err as Error).message, stack: (err as Error).stack } }, 'command handler failed');
      return errorCompletion(id, 'internalError', `${name} failed inside the daemon`);
    }
  }
}

function refused(id: string | null, code: ErrorCode, message: string): ParsedMessage {
  return { ok: false, completion: errorCompletion(id, code, message) };
}

export function errorCompletion(id: string | null, code: ErrorCode, message: string, detail?: unknown): CompletionEnvelope {
  const error: ApiError = detail === undefined ? { code, message } : { code, message, detail };
  return { kind: 'completion', id, ok: false, error };
}
