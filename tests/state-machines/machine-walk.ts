import { createActor, fromCallback, fromPromise, type AnyActorLogic, type AnyMachineSnapshot, type AnyStateMachine, type EventFromLogic, type EventObject, type SnapshotFrom } from 'xstate';

// Walking the flow machines as pure models. The machines invoke the host's
// effects (daemon commands, device event streams) as actors; here a request's
// answer is an event the walk sends — `xstate.done.actor.<id>` with its
// output, `xstate.error.actor.<id>` with an error code — and only while that
// actor runs, as in the real page. Replays run the same events on a real
// actor whose effects are spies that record each start and never settle.

/** The answer of a host request, as XState delivers it to the invoking machine. */
export type Answer = { type: `xstate.done.actor.${string}`; output?: unknown } | { type: `xstate.error.actor.${string}`; error: { code: string } };

export const done = (id: string, output?: unknown): Answer => ({ type: `xstate.done.actor.${id}`, output });
export const failed = (id: string, code: string): Answer => ({ type: `xstate.error.actor.${id}`, error: { code } });
export type Elapsed = { type: `xstate.after.${string}` };
/** A named delay elapsed in the state with this id (`session.inSession.active` …). */
export const elapsed = (delay: string, stateId: string): Elapsed => ({ type: `xstate.after.${delay}.${stateId}` });

const isAnswer = (e: EventObject): e is Answer => /^xstate\.(done|error)\.actor\./.test(e.type);
const answering = (e: Answer) => e.type.replace(/^xstate\.(done|error)\.actor\./, '');
/** Short name of an event for failure messages (`submit✓`, `submit✗timeout`, `NEXT`). */
export const label = (e: EventObject): string => (isAnswer(e) ? `${answering(e)}${e.type.includes('.done.') ? '✓' : `✗${(e as { error: { code: string } }).error.code}`}` : e.type);

/**
 * The events a walk offers in a state: every resident event, and the answers
 * of the requests running in that state (one that does not run cannot answer).
 */
export function offered<E extends EventObject>(resident: readonly E[], answers: readonly (Answer | EventObject)[] = []) {
  return (s: AnyMachineSnapshot): E[] => [...resident, ...(answers.filter((a) => !isAnswer(a) || s.children[answering(a)]) as E[])];
}

export interface Started {
  name: string;
  /** Index of the replayed event that started it (-1: the machine's start). */
  at: number;
  input: unknown;
}

/** The host's effects as spies: what started, with which input, and what is running now. */
export class HostSpy {
  at = -1;
  /**
   * A relay (see `replay`) records into the spy of the actor system an effect
   * runs in, so that one provided machine serves every replay of a walk.
   */
  constructor(private readonly target?: (system: unknown) => HostSpy) {}
  readonly started: Started[] = [];
  /** What the machine emitted for its host (`emit`), with the index of the replayed event that caused it. */
  readonly emitted: Array<{ at: number; event: EventObject }> = [];
  private readonly runningNow = new Map<string, number>();
  private readonly most = new Map<string, number>();

  /** A request that never settles: the walk answers it. */
  request(name: string): AnyActorLogic {
    return fromPromise(({ input, signal, system }) => {
      const spy = this.recorder(system);
      spy.begin(name, input);
      signal.addEventListener('abort', () => spy.end(name));
      return new Promise<never>(() => undefined);
    });
  }

  /** A stream that sends nothing by itself; `sendBack` is kept for the test to push events. */
  stream(name: string, onStart?: (sendBack: (e: EventObject) => void) => void): AnyActorLogic {
    return fromCallback(({ input, sendBack, system }) => {
      const spy = this.recorder(system);
      spy.begin(name, input);
      onStart?.(sendBack);
      return () => spy.end(name);
    });
  }

  startsOf<I = unknown>(name: string): Array<{ at: number; input: I }> {
    return this.started.filter((s) => s.name === name).map((s) => ({ at: s.at, input: s.input as I }));
  }

  running(name: string): number {
    return this.runningNow.get(name) ?? 0;
  }

  /** How many of each effect run now. */
  runningAll(): Record<string, number> {
    return Object.fromEntries(this.runningNow);
  }

  /** The most effects of this name that ran at the same time. */
  peak(name: string): number {
    return this.most.get(name) ?? 0;
  }

  private recorder(system: unknown): HostSpy {
    return this.target?.(system) ?? this;
  }

  private begin(name: string, input: unknown): void {
    this.started.push({ name, at: this.at, input: structuredClone(input) });
    const n = this.running(name) + 1;
    this.runningNow.set(name, n);
    this.most.set(name, Math.max(n, this.peak(name)));
  }

  private end(name: string): void {
    this.runningNow.set(name, this.running(name) - 1);
  }
}

interface Step<M extends AnyStateMachine> {
  event: EventFromLogic<M> | Answer | Elapsed;
  from: SnapshotFrom<M>;
  to: SnapshotFrom<M>;
  /** Effects running after the event, by name. */
  running: Record<string, number>;
}

type SpyFactory = (spy: HostSpy) => Record<string, AnyActorLogic>;
/**
 * `provide()` builds the machine's whole node tree again, which was most of a
 * replay's time; a walk replays thousands of paths with the same spies. So the
 * machine is provided once per (machine, spy factory), and each effect records
 * into the spy of the replay whose actor system runs it.
 */
const providedOnce = new WeakMap<AnyStateMachine, WeakMap<SpyFactory, AnyStateMachine>>();
const spyOfSystem = new WeakMap<object, HostSpy>();
const relay = new HostSpy((system) => {
  const spy = spyOfSystem.get(system as object);
  if (!spy) throw new Error('an effect ran in an actor system that no replay started');
  return spy;
});
function provided(machine: AnyStateMachine, actors: SpyFactory): AnyStateMachine {
  const byFactory = providedOnce.get(machine) ?? new WeakMap<SpyFactory, AnyStateMachine>();
  providedOnce.set(machine, byFactory);
  const once = byFactory.get(actors) ?? machine.provide({ actors: actors(relay) } as never);
  byFactory.set(actors, once);
  return once;
}

/** Replays `events` on a real actor of `machine` whose effects are the spies `actors(spy)` returns. */
export function replay<M extends AnyStateMachine>(machine: M, actors: SpyFactory, events: readonly (EventFromLogic<M> | Answer | Elapsed)[], input?: unknown) {
  const spy = new HostSpy();
  const actor = createActor(provided(machine, actors), { input } as never);
  spyOfSystem.set(actor.system, spy);
  // An answer the machine does not handle fails it: reported with the path here, not as an uncaught error.
  actor.subscribe({ error: () => undefined });
  actor.on('*', (event: EventObject) => void spy.emitted.push({ at: spy.at, event }));
  actor.start();
  const trace: Step<M>[] = events.map((event, i) => {
    spy.at = i;
    const from = actor.getSnapshot() as SnapshotFrom<M>;
    actor.send(event);
    const to = actor.getSnapshot() as SnapshotFrom<M>;
    const { status, error } = to as AnyMachineSnapshot;
    if (status === 'error') throw new Error(`the machine failed on ${label(event)} after ${events.slice(0, i).map(label).join(' ')}: ${JSON.stringify(error)}`);
    return { event, from, to, running: spy.runningAll() };
  });
  return { spy, actor, trace, end: actor.getSnapshot() as SnapshotFrom<M> };
}
