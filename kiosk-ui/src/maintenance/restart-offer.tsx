import { useMaintenance } from './maintenance-context';
import { useCommand } from './use-command';

/** A saved setting the daemon reads only at start: say so, and offer the restart (systemd starts it again; under npm start it stays stopped). */
export function RestartOffer() {
  const { client, token, t } = useMaintenance();
  const [restart, run] = useCommand<{ restarting: true; supervised: boolean }>();
  return (
    <div class="maint-restart" role="status" data-testid="maint-restart">
      <p>{t('maint.restart.needed')}</p>
      {restart.state === 'done' ? (
        <p>{t(restart.result.supervised ? 'maint.restart.supervised' : 'maint.restart.unsupervised')}</p>
      ) : (
        <button type="button" class="btn btn--primary" disabled={restart.state === 'running'} onClick={() => run(() => client.call('maintenance.restart', { token }))}>
          {t('maint.restart.now')}
        </button>
      )}
      {restart.state === 'failed' && <p class="maint-error">{t('maint.test.failed', { code: restart.code, message: restart.message })}</p>}
    </div>
  );
}
