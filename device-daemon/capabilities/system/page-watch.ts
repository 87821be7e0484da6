import type { PageStatus } from '../../../contract/api';
import { chinaIso } from '../../../contract/domain/china-time';
import type { Clock } from '../../clock';

type PageState = PageStatus['state'];

/** Twice the page's beat interval and more: a page that stalls for one garbage collection or one slow frame is not gone. */
const PAGE_SILENCE_MS = 30_000;

/**
 * The page's heartbeat as the daemon sees it: every beat rearms a deadline on
 * the injected clock; a deadline that passes makes the page `gone` (the
 * browser crashed, hung, or shows something else), a beat after that makes it
 * `ok` again. `onChange` hears each change once.
 */
export class PageWatch {
  private state: PageState = 'waiting';
  private since: number;
  private last: number | undefined;
  private cancel: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly onChange: (status: PageStatus) => void,
    private readonly silenceMs = PAGE_SILENCE_MS,
  ) {
    this.since = clock.now();
  }

  /** Starts the first deadline: a page that never beats becomes `gone` too. */
  start(): void {
    this.arm();
  }

  beat(): void {
    this.last = this.clock.now();
    this.arm();
    if (this.state !== 'ok') this.set('ok');
  }

  status(): PageStatus {
    return { state: this.state, since: chinaIso(this.since), ...(this.last !== undefined ? { lastHeartbeat: chinaIso(this.last) } : {}) };
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  private arm(): void {
    this.cancel?.();
    this.cancel = this.clock.after(this.silenceMs, () => {
      this.cancel = undefined;
      if (this.state !== 'gone') this.set('gone');
    });
  }

  private set(state: PageState): void {
    this.state = state;
    this.since = this.clock.now();
    this.onChange(this.status());
  }
}
