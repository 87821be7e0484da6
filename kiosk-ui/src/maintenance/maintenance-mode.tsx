import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { createActor, fromPromise } from 'xstate';
import { maintenanceMachine } from '../../../state-machines/maintenance/maintenance-machine';
import type { ConnectionState, DaemonClient } from '../client/daemon-client';
import { useActorSnapshot } from '../hooks';
import { type Locale, translate } from '../i18n';
import { LockedNotice, PinPad } from './pin-pad';
import { MaintenanceShell } from './maintenance-shell';
import { MaintenanceContext } from './maintenance-context';
import './maintenance.css';

export interface MaintenanceModeProps {
  client: DaemonClient;
  conn: ConnectionState;
  onEntered: () => void;
  /** The mode closed; `left` when it had been open (the page returns to attract). */
  onClosed: (left: boolean) => void;
}

function startMaintenance(client: DaemonClient) {
  const machine = maintenanceMachine.provide({
    actors: {
      enter: fromPromise(async ({ input }: { input: { pin: string } }) => ({ token: (await client.call('maintenance.enter', { pin: input.pin })).token })),
      leave: fromPromise(async ({ input }: { input: { token: string } }) => {
        await client.call('maintenance.leave', { token: input.token });
      }),
    },
  });
  const actor = createActor(machine);
  actor.start();
  actor.send({ type: 'GESTURE' });
  return actor;
}

/** 维护模式 from the gesture on: the PIN pad, the lockout notice, then the technician's pages until leaving. */
export function MaintenanceMode({ client, conn, onEntered, onClosed }: MaintenanceModeProps) {
  const actor = useMemo(() => startMaintenance(client), [client]);
  const snap = useActorSnapshot(actor);
  const [locale, setLocale] = useState<Locale>(document.documentElement.lang === 'en' ? 'en' : 'zh-CN');
  const open = snap.matches('open') || snap.matches('leaving');

  useEffect(() => {
    const sub = actor.on('returnToAttract', () => onClosed(true));
    const end = client.on('maintenance.changed', (e) => {
      if (!e.active) actor.send({ type: 'ENDED' });
    });
    return () => {
      sub.unsubscribe();
      end();
      actor.stop();
    };
  }, [actor]);
  useEffect(() => {
    if (conn === 'down') actor.send({ type: 'ENDED' });
  }, [conn]);
  // Before the browser paints the technician's pages: with an effect after paint, the resident's screen (wiped in
  // the daemon already) stayed in the page under them for a frame or more on a loaded machine.
  useLayoutEffect(() => {
    if (snap.matches('open')) onEntered();
  }, [snap.matches('open')]);
  useEffect(() => {
    // Closed without having been open (cancelled, the pad left alone): back to the resident screen as it was.
    if (snap.matches('closed') && !snap.context.token) onClosed(false);
  }, [snap.matches('closed')]);

  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
  const { context } = snap;
  return (
    <div class="maint" lang={locale} data-testid="maintenance">
      {(snap.matches('pinPad') || snap.matches('checking')) && (
        <PinPad
          t={t}
          checking={snap.matches('checking')}
          error={context.error}
          remaining={context.remaining}
          onSubmit={(pin) => actor.send({ type: 'SUBMIT', pin })}
          onCancel={() => actor.send({ type: 'CANCEL' })}
        />
      )}
      {snap.matches('locked') && <LockedNotice t={t} lockedUntil={context.lockedUntil ?? Date.now()} onClose={() => actor.send({ type: 'CANCEL' })} />}
      {open && context.token && (
        <MaintenanceContext.Provider value={{ client, token: context.token, locale, t }}>
          <MaintenanceShell
            page={context.page}
            leaving={snap.matches('leaving')}
            onShow={(page) => actor.send({ type: 'SHOW', page })}
            onLeave={() => actor.send({ type: 'LEAVE' })}
            onLocale={() => setLocale((l) => (l === 'en' ? 'zh-CN' : 'en'))}
          />
        </MaintenanceContext.Provider>
      )}
    </div>
  );
}
