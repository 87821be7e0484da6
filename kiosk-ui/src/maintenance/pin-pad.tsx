import { useState } from 'preact/hooks';
import type { MessageKey } from '../i18n';
import { useNow } from '../hooks';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'];
const PIN_MAX = 12;

function refusalText(t: T, error: string | undefined, remaining: number | undefined): string | undefined {
  if (!error) return undefined;
  if (error === 'pinInvalid') return t('maint.pin.wrong', { remaining: remaining ?? 0 });
  if (error === 'unauthorized') return t('maint.pin.demo');
  if (error === 'pinRequired') return t('maint.pin.required');
  return t('maint.pin.failed');
}

/** The technician's PIN: digits shown as dots, checked by the daemon (the page never sees the hash). */
export function PinPad({ t, checking, error, remaining, onSubmit, onCancel }: { t: T; checking: boolean; error?: string; remaining?: number; onSubmit: (pin: string) => void; onCancel: () => void }) {
  const [pin, setPin] = useState('');
  const press = (k: string) => {
    if (k === 'clear') setPin('');
    else if (k === 'back') setPin((p) => p.slice(0, -1));
    else setPin((p) => (p.length < PIN_MAX ? p + k : p));
  };
  const message = refusalText(t, error, remaining);
  return (
    <div class="maint-pin" role="dialog" aria-modal="true" aria-labelledby="maint-pin-title">
      <h1 id="maint-pin-title">{t('maint.pin.title')}</h1>
      <output class="maint-pin__dots" data-testid="maint-pin-value" aria-label={t('maint.pin.entered', { count: pin.length })}>
        {pin.length ? '●'.repeat(pin.length) : <span class="muted">{t('maint.pin.prompt')}</span>}
      </output>
      {message && (
        <p class="maint-error" role="alert" data-testid="maint-pin-error">
          {message}
        </p>
      )}
      <div class="maint-pin__keys">
        {KEYS.map((k) => (
          <button key={k} type="button" class="key key--digit" data-key={k} disabled={checking} onClick={() => press(k)}>
            {k === 'clear' ? t('maint.pin.clear') : k === 'back' ? t('maint.pin.back') : k}
          </button>
        ))}
      </div>
      <div class="maint-actions">
        <button type="button" class="btn" onClick={onCancel}>
          {t('maint.cancel')}
        </button>
        <button
          type="button"
          class="btn btn--primary"
          data-testid="maint-pin-ok"
          disabled={checking || !pin}
          onClick={() => {
            onSubmit(pin);
            setPin('');
          }}
        >
          {checking ? t('maint.pin.checking') : t('maint.pin.ok')}
        </button>
      </div>
    </div>
  );
}

/** Too many wrong PINs: entry is locked, with the time left (the lockout survives a daemon restart). */
export function LockedNotice({ t, lockedUntil, onClose }: { t: T; lockedUntil: number; onClose: () => void }) {
  const now = useNow(1000).getTime();
  const left = Math.max(0, Math.ceil((lockedUntil - now) / 1000));
  const minutes = Math.floor(left / 60);
  const seconds = String(left % 60).padStart(2, '0');
  return (
    <div class="maint-pin" role="alertdialog" aria-modal="true" aria-labelledby="maint-locked-title">
      <h1 id="maint-locked-title">{t('maint.locked.title')}</h1>
      <p class="maint-error" data-testid="maint-locked">
        {t('maint.locked.left', { time: `${minutes}:${seconds}` })}
      </p>
      <div class="maint-actions">
        <button type="button" class="btn" onClick={onClose}>
          {t('maint.close')}
        </button>
      </div>
    </div>
  );
}
