import { useEffect } from 'preact/hooks';
import { translate, type Locale } from '../i18n';

/**
 * Shown while the daemon is away. Needs nothing from it. While shown it polls
 * /health: a daemon that came back with a new boot id has a new token, so the
 * page reloads itself from the daemon (a fresh start at the attract screen —
 * a resident's session is never carried across a restart). Same boot id: the
 * client's own reconnect brings the kiosk back.
 */
export function UnavailableScreen({ locale, phone, bootId }: { locale: Locale; phone?: string; bootId?: string }) {
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string>) => translate(locale, k, p);
  useEffect(() => {
    const timer = setInterval(async () => {
      try {
        const res = await fetch('/health', { cache: 'no-store' });
        if (!res.ok) return;
        const health = (await res.json()) as { bootId?: string };
        if (health.bootId && health.bootId !== bootId) location.reload();
      } catch {
        /* still away */
      }
    }, 2000);
    return () => clearInterval(timer);
  }, [bootId]);
  return (
    <main class="screen unavailable" data-screen="unavailable" role="alert">
      <h1>{t('unavailable.title')}</h1>
      <p>{t('unavailable.body')}</p>
      {phone && <p>{t('unavailable.help', { phone })}</p>}
      <div class="spinner" aria-hidden="true" />
    </main>
  );
}
