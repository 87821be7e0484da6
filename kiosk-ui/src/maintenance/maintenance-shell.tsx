import type { MaintenancePage } from '../../../state-machines/maintenance/maintenance-machine';
import type { MessageKey } from '../i18n';
import { CountersPage } from './counters-page';
import { DevicesPage } from './devices-page';
import { useMaintenance } from './maintenance-context';
import { PortsPage } from './ports-page';
import { SettingsPage } from './settings-page';

const PAGES: Array<{ page: MaintenancePage; label: MessageKey }> = [
  { page: 'devices', label: 'maint.tab.devices' },
  { page: 'ports', label: 'maint.tab.ports' },
  { page: 'settings', label: 'maint.tab.settings' },
  { page: 'counters', label: 'maint.tab.counters' },
];

interface Props {
  page: MaintenancePage;
  leaving: boolean;
  onShow: (page: MaintenancePage) => void;
  onLeave: () => void;
  onLocale: () => void;
}

/** The technician's pages behind one bar: which page, the language, and leaving (back to attract). */
export function MaintenanceShell({ page, leaving, onShow, onLeave, onLocale }: Props) {
  const { t } = useMaintenance();
  return (
    <div class="maint-shell">
      <header class="maint-bar">
        <h1>{t('maint.title')}</h1>
        <nav class="maint-tabs" aria-label={t('maint.title')}>
          {PAGES.map((p) => (
            <button
              key={p.page}
              type="button"
              class={`maint-tab${p.page === page ? ' maint-tab--on' : ''}`}
              aria-current={p.page === page ? 'page' : undefined}
              data-page={p.page}
              onClick={() => onShow(p.page)}
            >
              {t(p.label)}
            </button>
          ))}
        </nav>
        <div class="maint-bar__end">
          <button type="button" class="btn" onClick={onLocale}>
            {t('maint.otherLanguage')}
          </button>
          <button type="button" class="btn btn--primary" data-testid="maint-leave" disabled={leaving} onClick={onLeave}>
            {t('maint.leave')}
          </button>
        </div>
      </header>
      <main class="maint-page">
        {page === 'devices' && <DevicesPage />}
        {page === 'ports' && <PortsPage />}
        {page === 'settings' && <SettingsPage />}
        {page === 'counters' && <CountersPage />}
      </main>
    </div>
  );
}
