import { fromPromise } from 'xstate';
import { lostAnswerMachine } from '../../../state-machines/flows/lost-answer-machine';
import { CommandError, DaemonClient, apiUrl, type DaemonLink } from '../client/daemon-client';
import { provideCallStaff } from './call-staff';

const OPEN_TIMEOUT_MS = 10_000;

/**
 * A link to the restarted daemon for asking about the lost answer. A new
 * daemon has a new per-boot token; the page reads it where a reload would,
 * from the page the daemon serves (same origin), so the page need not reload
 * — a reload would drop the key it holds in memory.
 */
async function openFreshLink(): Promise<DaemonClient> {
  const html = await (await fetch('/', { cache: 'no-store' })).text();
  const token = new DOMParser().parseFromString(html, 'text/html').querySelector<HTMLMetaElement>('meta[name="kiosk-token"]')?.content;
  if (!token) throw new CommandError('offline', 'the terminal service is not serving its page yet');
  const link = new DaemonClient({ url: apiUrl(), token });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      link.close();
      reject(new CommandError('offline', 'the terminal service did not open the link'));
    }, OPEN_TIMEOUT_MS);
    const off = link.onState((s) => {
      if (s !== 'open') return;
      clearTimeout(timer);
      off();
      resolve();
    });
    link.connect();
  });
  return link;
}

/** Events of a link still being opened: listened to once it is open, and never after the listener is dropped. */
function laterOn(linked: () => Promise<DaemonClient>): DaemonLink['on'] {
  return (name, fn) => {
    let off: (() => void) | undefined;
    let dropped = false;
    linked().then(
      (l) => {
        if (!dropped) off = l.on(name, fn);
      },
      () => undefined,
    );
    return () => {
      dropped = true;
      off?.();
    };
  };
}

/**
 * The lost-answer flow with its effects on a fresh link: submission.outcome
 * by the key, then receipt.print of the case it names, and a call to staff
 * (its commands and the staff's acknowledgement on the same link). close()
 * drops the link (the page starts over afterwards).
 */
export function provideLostAnswer() {
  let link: Promise<DaemonClient> | undefined;
  const linked = () => {
    link ??= openFreshLink().catch((err: unknown) => {
      link = undefined; // a RETRY opens a new one
      throw err;
    });
    return link;
  };
  const on = laterOn(linked);
  const call = ((...args: Parameters<DaemonClient['call']>) => linked().then((l) => l.call(...args))) as DaemonClient['call'];
  const machine = lostAnswerMachine.provide({
    actors: {
      callStaff: provideCallStaff({ call, on }),
      outcome: fromPromise(async ({ input }) => (await linked()).call('submission.outcome', { idempotencyKey: input.idempotencyKey })),
      printReceipt: fromPromise(async ({ input }) => {
        await (await linked()).call('receipt.print', { caseNo: input.caseNo }, { timeoutMs: 60_000 });
      }),
    },
  });
  return {
    machine,
    on,
    close: () =>
      void link?.then(
        (l) => l.close(),
        () => undefined,
      ),
  };
}
