import { setImmediate as nextTurn } from 'node:timers/promises';

// A platform catalog of thousands of items takes hundreds of milliseconds of
// CPU to validate and index. Done in one block, every page the daemon serves
// (card reads, submissions, pings) waits that long; done in slices, the event
// loop runs between them and the catalog is swapped in when all is ready.

/** Work cut into slices of about `budgetMs` of CPU, with the event loop's turn between two slices. */
export class TimeSlices {
  private sliceStart = performance.now();

  constructor(private readonly budgetMs = 8) {}

  /** Whether the current slice has used its budget (then `pause`). */
  due(): boolean {
    return performance.now() - this.sliceStart >= this.budgetMs;
  }

  /** The event loop's turn (timers, I/O, pages' messages), then a new slice. */
  async pause(): Promise<void> {
    await nextTurn();
    this.sliceStart = performance.now();
  }

  /** `fn` over `xs`, in order, in slices. */
  async map<T, U>(xs: readonly T[], fn: (x: T, i: number) => U): Promise<U[]> {
    const out: U[] = new Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      out[i] = fn(xs[i]!, i);
      if (this.due()) await this.pause();
    }
    return out;
  }
}
