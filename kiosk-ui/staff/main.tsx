import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import en from './locale/en.json';
import zh from './locale/zh-CN.json';
import { SignIn } from './sign-in';
import { type Overview, overview, post } from './staff-api';
import { Lists } from './staff-lists';
import './staff.css';

type Key = keyof typeof zh;
export type T = (key: Key | string, vars?: Record<string, string | number>) => string;
const tables: Record<'zh-CN' | 'en', Record<string, string>> = { 'zh-CN': zh, en };

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
        <button type="button" data-testid="lang" onClick={() => setLocale(other)}>
          {t('lang')}
        </button>
        {data && (
          <>
            <span data-testid="signed-in">{t('signedInAs', { name: data.member.name, staffNo: data.member.staffNo, role: t(`role.${data.member.role}`) })}</span>
            <button type="button" onClick={() => void load()}>
              {t('refresh')}
            </button>
            <button type="button" data-testid="sign-out" onClick={() => void post('sign-out').then(() => setData(undefined))}>
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
