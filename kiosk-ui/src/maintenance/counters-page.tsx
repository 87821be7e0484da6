import { useEffect } from 'preact/hooks';
import type { CommandResult } from '../../../contract/api';
import { chinaIso } from '../../../contract/domain/china-time';
import { counterRowLabel } from './counter-labels';
import { logLineText } from './log-line';
import { useMaintenance } from './maintenance-context';
import { useCommand } from './use-command';

type Report = CommandResult<'maintenance.report'>;

function Counts({ title, today, lifetime }: { title: string; today: Record<string, number>; lifetime: Record<string, number> }) {
  const { t } = useMaintenance();
  const names = [...new Set([...Object.keys(lifetime), ...Object.keys(today)])].sort();
  const label = (name: string) => counterRowLabel(t, name);
  return (
    <section class="maint-card">
      <h2>{title}</h2>
      <table class="maint-table">
        <thead>
          <tr>
            <th />
            <th>{t('maint.counters.today')}</th>
            <th>{t('maint.counters.lifetime')}</th>
          </tr>
        </thead>
        <tbody>
          {names.map((n) => (
            <tr key={n}>
              <th scope="row" data-counter={n}>
                {label(n)}
              </th>
              <td>{today[n] ?? 0}</td>
              <td>{lifetime[n] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Outbox({ report, onRequeue }: { report: Report; onRequeue: (caseNo: string) => void }) {
  const { t } = useMaintenance();
  const { outbox } = report;
  return (
    <section class="maint-card" data-testid="maint-outbox">
      <h2>{t('maint.counters.outbox')}</h2>
      <p>{t('maint.counters.depth', { total: outbox.total, oldest: outbox.oldestAcceptedAt ?? '—' })}</p>
      {outbox.parked.length === 0 && <p>{t('maint.counters.noParked')}</p>}
      <ul>
        {outbox.parked.map((p) => (
          <li key={p.caseNo}>
            {p.caseNo} {p.kind} {p.state} {p.acceptedAt} {p.lastError ?? ''}{' '}
            <button type="button" class="btn" onClick={() => onRequeue(p.caseNo)}>
              {t('maint.counters.requeue')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What is left on the printer's roll: the daemon's estimate from the paper fed since the last new roll. */
function Paper({ paper }: { paper: Report['paper'] }) {
  const { t } = useMaintenance();
  let fed = '';
  if (paper) {
    const usedM = Math.round(paper.usedMm / 100) / 10;
    fed =
      paper.rollChangedAt === null
        ? t('maint.counters.paperNoRoll', { usedM })
        : t('maint.counters.paperSince', { usedM, since: chinaIso(Date.parse(paper.rollChangedAt)).slice(0, 16).replace('T', ' ') });
  }
  return (
    <section class="maint-card" data-testid="maint-paper">
      <h2>{t('maint.counters.paperTitle')}</h2>
      <p>{paper ? t('maint.counters.paperLeft', { leftM: paper.leftM, rollLengthM: paper.rollLengthM }) : t('maint.counters.paperUnknown')}</p>
      {fed && <p>{fed}</p>}
      <p class="muted">{t('maint.counters.paperNote')}</p>
    </section>
  );
}

/** 计数与日志: today's and lifetime counters, failures by device, the outbox and parked submissions, calendar coverage, the paper left, the last log lines (masked). */
export function CountersPage() {
  const { client, token, t } = useMaintenance();
  const [report, run] = useCommand<Report>();
  const refresh = () => run(() => client.call('maintenance.report', { token }));
  useEffect(() => void refresh(), []);
  if (report.state !== 'done') return <p>{report.state === 'failed' ? t('maint.test.failed', { code: report.code, message: report.message }) : t('maint.loading')}</p>;
  const r = report.result;
  const errorsToday = Object.fromEntries(Object.entries(r.errorsByDevice).map(([d, v]) => [d, v.today]));
  const errorsLifetime = Object.fromEntries(Object.entries(r.errorsByDevice).map(([d, v]) => [d, v.lifetime]));
  return (
    <div class="maint-grid" data-testid="maint-counters">
      <Counts title={t('maint.counters.usage', { day: r.day })} today={r.today} lifetime={r.lifetime} />
      <Counts title={t('maint.counters.errors')} today={errorsToday} lifetime={errorsLifetime} />
      <Outbox report={r} onRequeue={(caseNo) => void client.call('maintenance.requeue', { token, caseNo }).then(refresh, refresh)} />
      <section class="maint-card">
        <h2>{t('maint.counters.calendar')}</h2>
        <p>{t('maint.counters.years', { years: r.calendar.years.join(', ') || '—' })}</p>
        {r.calendar.warning && <p class="maint-error">{r.calendar.warning}</p>}
      </section>
      <Paper paper={r.paper} />
      <section class="maint-card maint-card--wide">
        <h2>{t('maint.counters.logs', { count: r.logs.length })}</h2>
        <pre class="maint-logs" data-testid="maint-logs">
          {r.logs.map(logLineText).join('\n')}
        </pre>
      </section>
    </div>
  );
}
