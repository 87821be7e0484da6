import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import en from './locale/en.json';
import zh from './locale/zh-CN.json';
import { type Overview, overview, post, signIn } from './staff-api';
import { Lists } from './staff-lists';
import './staff.css';

type Key = keyof typeof zh;
export type T = (key: Key | string, vars?: Record<string, string | number>) => string;
const tables: Record<'zh-CN' | 'en', Record<string, string>> = { 'zh-CN': zh, en };

function SignIn({ t, onDone }: { t: T; onDone: () => void }) {
  const [error, setError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const r = await signIn(String(f.get('staffNo') ?? ''), String(f.get('pin') ?? ''));
    if (r.ok) return onDone();
    if (r.status === 423) setError(t('signIn.locked', { until: new Date(String(r.body.lockedUntil)).toLocaleString() }));
    else if (r.status === 429) setError(t('signIn.tooMany'));
    else if (r.status === 401 && r.body.lockedUntil) setError(t('signIn.locked', { until: new Date(r.body.lockedUntil).toLocaleString() }));
    else if (r.status === 401) setError(t('signIn.invalid', { remaining: r.body.remaining ?? 0 }));
    else setError(t('signIn.failed', { reason: String(r.body.error ?? r.status) }));
  };
  return (
    <form class="signin" onSubmit={submit} data-testid="staff-signin">
      <h1>{t('signIn.title')}</h1>
      <label>
        {t('signIn.staffNo')}
        <input name="staffNo" autoComplete="username" required />
      </label>
      <label>
        {t('signIn.pin')}
        <input name="pin" type="password" inputMode="numeric" autoComplete="current-password" required />
      </label>
      <button type="submit">{t('signIn.submit')}</button>
      {error && (
        <p role="alert" data-testid="signin-error">
          {error}
        </p>
      )}
    </form>
  );
}

function StaffApp() {
  const [locale, setLocale] = useState<'zh-CN' | 'en'>('zh-CN');
  const [data, setData] = useState<Overview | undefined | null>(null);
  const t: T = (key, vars) => (tables[locale][key] ?? key).replace(/\{(\w+)\}/g, (_m, k: string) => String(vars?.[k] ?? ''));
  const load = () => overview().then(setData, () => setData(undefined));
  useEffect(() => void load(), []);
  useEffect(() => {
    if (!data) return;
    // Live: a call shows within the event's round trip; anything else refreshes the lists.
    const es = new EventSource('/staff/api/events');
    es.addEventListener('call', () => void load());
    es.addEventListener('changed', () => void load());
    return () => es.close();
  }, [Boolean(data)]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <main>
      <header>
        <h1>{t('title')}</h1>
        <button type="button" onClick={() => setLocale(other)}>
          {t('lang')}
        </button>
        {data && (
          <>
            <span data-testid="signed-in">{t('signedInAs', { name: data.member.name, staffNo: data.member.staffNo, role: t(`role.${data.member.role}`) })}</span>
            <button type="button" onClick={() => void load()}>
              {t('refresh')}
            </button>
            <button type="button" onClick={() => void post('sign-out').then(() => setData(undefined))}>
              {t('signOut')}
            </button>
          </>
        )}
      </header>
      {data === undefined && <SignIn t={t} onDone={() => void load()} />}
      {data && <Lists t={t} data={data} reload={load} />}
    </main>
  );
}

render(<StaffApp />, document.getElementById('staff')!);
