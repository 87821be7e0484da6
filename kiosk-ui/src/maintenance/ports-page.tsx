import { useEffect, useState } from 'preact/hooks';
import type { CommandResult } from '../../../contract/api';
import { useMaintenance } from './maintenance-context';
import { RestartOffer } from './restart-offer';
import { useCommand } from './use-command';

type Port = CommandResult<'maintenance.devices.discover'>['ports'][number];
type Role = 'idCardReader' | 'printer' | 'evalDisplay' | 'scanner';
const ROLES: Role[] = ['idCardReader', 'printer', 'evalDisplay', 'scanner'];

function PortRow({ port, onBound }: { port: Port; onBound: () => void }) {
  const { client, token, t } = useMaintenance();
  const [role, setRole] = useState<Role>('printer');
  const [bind, run] = useCommand<CommandResult<'maintenance.devices.bind'>>();
  const ids = [port.vendorId && port.productId ? `${port.vendorId}:${port.productId}` : undefined, port.serialNumber, port.manufacturer, port.product].filter(Boolean).join(' · ');
  return (
    <li class="maint-port" data-port={port.id}>
      <div>
        <strong>{port.kind}</strong> {port.byIdPath ?? port.path}
        <br />
        <span class="muted">{ids || t('maint.ports.noIds')}</span>
        {!port.stable && <span class="maint-error"> {t('maint.ports.unstable')}</span>}
      </div>
      <label>
        {t('maint.ports.useFor')}{' '}
        <select value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        class="btn"
        disabled={bind.state === 'running'}
        onClick={() => run(() => client.call('maintenance.devices.bind', { token, role, portId: port.id })).then((r) => r && onBound())}
      >
        {t('maint.ports.bind')}
      </button>
      {bind.state === 'done' && (
        <p class={bind.result.probe.answered ? 'maint-ok' : 'maint-error'}>{t(bind.result.probe.answered ? 'maint.ports.answered' : 'maint.ports.silent', { detail: bind.result.probe.detail })}</p>
      )}
      {bind.state === 'failed' && <p class="maint-error">{t('maint.test.failed', { code: bind.code, message: bind.message })}</p>}
    </li>
  );
}

/** 端口: serial ports and HID interfaces with their stable ids; "use for …" binds one by identity and probes it. */
export function PortsPage() {
  const { client, token, t } = useMaintenance();
  const [list, run] = useCommand<CommandResult<'maintenance.devices.discover'>>();
  const [bound, setBound] = useState(false);
  const discover = () => run(() => client.call('maintenance.devices.discover', { token }));
  useEffect(() => void discover(), []);
  return (
    <div data-testid="maint-ports">
      <button type="button" class="btn" onClick={discover} disabled={list.state === 'running'}>
        {t('maint.ports.refresh')}
      </button>
      {list.state === 'running' && <p>{t('maint.loading')}</p>}
      {list.state === 'failed' && <p class="maint-error">{t('maint.test.failed', { code: list.code, message: list.message })}</p>}
      {list.state === 'done' && (
        <>
          {list.result.ports.length === 0 && <p>{t('maint.ports.none')}</p>}
          <ul class="maint-ports">
            {list.result.ports.map((p) => (
              <PortRow key={p.id} port={p} onBound={() => setBound(true)} />
            ))}
          </ul>
          {list.result.problems.map((p) => (
            <p key={p} class="maint-error">
              {p}
            </p>
          ))}
        </>
      )}
      {bound && <RestartOffer />}
    </div>
  );
}
