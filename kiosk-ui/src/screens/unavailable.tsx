import { translate, type Locale } from '../i18n';

/** Shown while the daemon is away. Needs nothing from it: it must render with no connection at all. */
export function UnavailableScreen({ locale, phone }: { locale: Locale; phone?: string }) {
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string>) => translate(locale, k, p);
  return (
    <main class="screen unavailable" data-screen="unavailable" role="alert">
      <h1>{t('unavailable.title')}</h1>
      <p>{t('unavailable.body')}</p>
      {phone && <p>{t('unavailable.help', { phone })}</p>}
      <div class="spinner" aria-hidden="true" />
    </main>
  );
}
