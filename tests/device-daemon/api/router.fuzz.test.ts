import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CompletionEnvelope, commandDefs, type CommandName } from '../../../contract/api';
import { ApiFailure } from '../../../device-daemon/api/router';
import { createCapabilities } from '../../../device-daemon/capabilities';
import { SessionWipe } from '../../../device-daemon/capabilities/session/session-wipe';
import type { DeviceRegistry } from '../../../device-daemon/devices/registry';
import { shippedJson } from '../../helpers/catalog';
import { fuzzParams, fuzzTimeoutMs, runsFor } from '../../helpers/fuzz';
import { arbitraryFor } from '../../helpers/schema-arbitrary';
import { waitUntil } from '../../helpers/wait';
import { PEOPLE, person, startHarness, type Harness } from '../capabilities/harness';

// Property-based fuzzing of the API as a page reaches it: messages of every
// shape through the real router's dispatch, with the real handlers of the
// capabilities in-process (all of them, as app.ts creates them: a real
// SQLite store in a temp dir, the shipped catalog, no devices) and, for the
// commands no capability registers on a terminal without a printer
// (printer.*), stubs that record what reached them. For every command
// of the contract: schema-valid arguments (generated from its schema, with
// real catalog ids and synthetic people so handlers go past "not found") and
// arbitrary ones. Every message is answered, within a bound, with a
// completion of the contract: ok, or an error of the closed list other than
// internalError (which is what an exception escaping a handler becomes);
// a stub only ever receives arguments its schema accepts.

const NAMES = Object.keys(commandDefs) as CommandName[];
const schemaOf = (name: CommandName) => (commandDefs[name] as { args: z.ZodType }).args;
const items = shippedJson().items as Array<{ id: string; code: string }>;
const hints = {
  itemId: fc.oneof(fc.constantFrom(...items.map((i) => i.id)), fc.string({ maxLength: 64 })),
  itemCode: fc.oneof(fc.constantFrom(...items.map((i) => i.code)), fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/)),
};
const validArgs = Object.fromEntries(NAMES.map((n) => [n, arbitraryFor(schemaOf(n), hints)])) as Record<CommandName, fc.Arbitrary<unknown>>;
function takesNoArguments(name: CommandName): boolean {
  const js = z.toJSONSchema(schemaOf(name), { io: 'input', unrepresentable: 'any' }) as { type?: string; properties?: object };
  return js.type === 'object' && Object.keys(js.properties ?? {}).length === 0;
}

/**
 * A command with its valid arguments. A command whose only valid arguments
 * are `{}` (catalog.get, system.status …) has nothing to vary: it is drawn
 * a tenth as often, so the inputs go where arguments have a shape.
 */
const validCommand = fc.oneof(
  ...NAMES.map((name) => ({
    weight: takesNoArguments(name) ? 1 : 10,
    arbitrary: fc.tuple(fc.constant(name), validArgs[name]),
  })),
);

/** A command name as a page might write it: a real one, the same with a letter escaped or its case changed, or anything. */
const anyName = fc.oneof(
  fc.constantFrom(...NAMES),
  fc.string({ maxLength: 70 }),
  fc.constantFrom(...NAMES).map((n) => n.toUpperCase()),
);
const anyId = fc.oneof(fc.string({ minLength: 1, maxLength: 64 }), fc.string({ maxLength: 80 }), fc.anything());
/** Arguments of any shape, or a valid set with one property dropped or replaced by anything. */
const anyArgs = (name: CommandName) =>
  fc.oneof(
    fc.anything(),
    fc.tuple(validArgs[name], fc.string({ maxLength: 20 }), fc.anything(), fc.boolean()).map(([v, key, val, drop]) => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
      const o = { ...(v as Record<string, unknown>) };
      const k = Object.keys(o)[0] ?? key;
      if (drop) delete o[k];
      else o[k] = val;
      return o;
    }),
  );

/** Envelopes: well-formed, with extra or missing fields, wrong kinds, and raw text that is not JSON at all. */
const message = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...NAMES)
      .chain((name) => fc.record({ kind: fc.constant('command'), id: fc.string({ minLength: 1, maxLength: 64 }), name: fc.constant(name), args: anyArgs(name) }).map((e) => JSON.stringify(e))),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.oneof(fc.constant('command'), fc.anything()), id: anyId, name: anyName, args: fc.anything() }, { requiredKeys: [] }).map((e) => JSON.stringify(e) ?? 'null'),
  },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  // a command name with one character written as a JSON \u escape: the parsed name is what counts
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...NAMES), fc.nat()).map(([n, at]) => JSON.stringify({ kind: 'command', id: 'esc', name: n, args: {} }).replace(`"${n}"`, `"${escapeOne(n, at % n.length)}"`)),
  },
);

function escapeOne(name: string, at: number): string {
  return `${name.slice(0, at)}\\u${name.charCodeAt(at).toString(16).padStart(4, '0')}${name.slice(at + 1)}`;
}

let h: Harness;
/** What reached each stub: only ever arguments its schema accepts. */
const stubbed = new Map<CommandName, unknown[]>();

beforeAll(async () => {
  // A terminal with no devices configured: the registry knows none.
  const registry = {
    get: () => undefined,
    simulatorOf: () => undefined,
    simulatedIds: () => [],
    statuses: () => [],
    onStatus: () => () => {},
    onSwap: () => () => {},
    wipeSession: () => [],
  } as unknown as DeviceRegistry;
  h = startHarness({
    // as the composition root wires it (services.ts): printing goes through printer.print
    print: (request) => h.router.invoke('printer.print', request as never),
    devices: { registry },
    // every capability of the daemon, as app.ts creates them
    capabilities: (ctx) =>
      createCapabilities(ctx, { boot: { version: 'fuzz', bootId: 'fuzz-boot', startedAt: Date.now() }, wipe: new SessionWipe(registry), configPath: '/nonexistent/kiosk.config.json' }).all,
  });
  await waitUntil(() => h.router.has('catalog.get') && h.router.has('submission.submit') && h.router.has('card.read') && h.router.has('session.end'), { what: 'the capabilities registered' });
  for (const name of NAMES.filter((n) => !h.router.has(n))) {
    stubbed.set(name, []);
    h.router.register(name, (args) => {
      stubbed.get(name)!.push(args);
      throw new ApiFailure('notSupported', 'a recording stub');
    });
  }
});
afterAll(() => h?.stop());

/** Dispatches one message and checks its answer against the contract; returns the completion. */
async function answered(text: string, identified: number) {
  h.identity = identified < PEOPLE.length ? person(PEOPLE[identified]!.id) : undefined;
  const c = await h.router.dispatch(text, { connId: 1 });
  expect(CompletionEnvelope.safeParse(c).success).toBe(true);
  if (!c.ok) expect(c.error.code).not.toBe('internalError');
  return c;
}

describe('the API under property-based fuzzing, through the real router and handlers', () => {
  it(
    'every command with schema-valid arguments: answered ok or with a typed error, the request id echoed',
    async () => {
      const seen = new Map<CommandName, { valid: number; ok: number }>();
      await fc.assert(
        fc.asyncProperty(validCommand, fc.nat({ max: PEOPLE.length }), async ([name, args], identified) => {
          const c = await answered(JSON.stringify({ kind: 'command', id: 'v1', name, args }), identified);
          expect(c.id).toBe('v1');
          const s = seen.get(name) ?? { valid: 0, ok: 0 };
          if (schemaOf(name).safeParse(args).success) s.valid++;
          if (c.ok) s.ok++;
          seen.set(name, s);
        }),
        { ...fuzzParams('api-valid', 0.5), timeout: 5000 },
      );
      // Every command was reached with arguments its schema accepts, and most of what was generated was valid.
      for (const name of NAMES) expect(seen.get(name)?.valid ?? 0, name).toBeGreaterThan(0);
      const total = [...seen.values()].reduce((a, s) => ({ valid: a.valid + s.valid, ok: a.ok + s.ok }), { valid: 0, ok: 0 });
      expect(total.valid).toBeGreaterThan(0.8 * runsFor(0.5));
      expect(total.ok).toBeGreaterThan(0);
    },
    fuzzTimeoutMs(8),
  );

  it(
    'any message: answered with a completion of the contract, never an internal error; stubs get only valid arguments',
    async () => {
      await fc.assert(
        fc.asyncProperty(message, fc.nat({ max: PEOPLE.length }), async (text, identified) => {
          await answered(text, identified);
        }),
        { ...fuzzParams('api-any', 0.5), timeout: 5000 },
      );
      for (const [name, got] of stubbed) for (const args of got) expect(schemaOf(name).safeParse(args).success, name).toBe(true);
      // Every command has a real handler here today (without a printer the printer commands answer notSupported themselves); stubs stand in for any that has none.
      if (stubbed.size > 0) expect([...stubbed.values()].some((got) => got.length > 0)).toBe(true);
    },
    fuzzTimeoutMs(8),
  );
});
