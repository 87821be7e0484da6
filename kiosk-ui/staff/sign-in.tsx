import { useState } from 'preact/hooks';
import type { T } from './main';
import { signIn } from './staff-api';

type Answer = Awaited<ReturnType<typeof signIn>>;

/** What a refused sign-in says; a card's own refusals (no reader, a resident's card held, no card) by their code. */
function refusal(t: T, r: Exclude<Answer, { ok: true }>, byCard: boolean): string {
  const until = r.body.lockedUntil ? new Date(r.body.lockedUntil).toLocaleString() : '';
  if (r.status === 423 || (r.status === 401 && until)) return t('signIn.locked', { until });
  if (r.status === 429) return t('signIn.tooMany');
  if (r.status === 401) return t(byCard ? 'signIn.cardInvalid' : 'signIn.invalid', { remaining: r.body.remaining ?? 0 });
  const cardKey = `signIn.card.${String(r.body.error)}`;
  if (byCard && (r.status === 409 || r.status === 503) && t(cardKey) !== cardKey) return t(cardKey);
  return t('signIn.failed', { reason: String(r.body.error ?? r.status) });
}

/**
 * Staff number + PIN, or the staff member's own ID card on the terminal's
 * reader: offered on the terminal's own page only (plain HTTP on loopback);
 * the LAN page (HTTPS) is refused a card sign-in by the daemon.
 */
export function SignIn({ t, onDone }: { t: T; onDone: () => void }) {
  const [error, setError] = useState('');
  const [reading, setReading] = useState(false);
  const answered = (r: Answer, byCard: boolean) => (r.ok ? onDone() : setError(refusal(t, r, byCard)));
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    answered(await signIn({ staffNo: String(f.get('staffNo') ?? ''), pin: String(f.get('pin') ?? '') }), false);
  };
  const byCard = async () => {
    setError('');
    setReading(true);
    const r = await signIn({ method: 'card' });
    setReading(false);
    answered(r, true);
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
      {location.protocol === 'http:' && (
        <button type="button" class="signin__card" data-testid="staff-signin-card" disabled={reading} onClick={() => void byCard()}>
          {reading ? t('signIn.cardReading') : t('signIn.card')}
        </button>
      )}
      {error && (
        <p role="alert" data-testid="signin-error">
          {error}
        </p>
      )}
    </form>
  );
}
