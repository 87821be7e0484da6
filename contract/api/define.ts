import type { z } from 'zod';

/** One command of the local API: its argument and result schemas, checked at both ends. */
export interface CommandDef<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  args: A;
  result: R;
  /** Short description for the README's API table and `kioskctl api`. */
  doc: string;
}

export function command<A extends z.ZodType, R extends z.ZodType>(def: CommandDef<A, R>): CommandDef<A, R> {
  return def;
}

export interface EventDef<D extends z.ZodType = z.ZodType> {
  data: D;
  doc: string;
}

export function event<D extends z.ZodType>(def: EventDef<D>): EventDef<D> {
  return def;
}
