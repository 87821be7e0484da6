import { useEffect, useRef } from 'preact/hooks';
import { useKiosk } from '../kiosk-context';

/**
 * "Lose what you entered?" before anything throws answers away (结束办理,
 * Home, a step back out of the form). Staying is the large, focused default;
 * the way out says what it does.
 */
export function ConfirmDiscard({ kind, onStay, onDiscard }: { kind: 'end' | 'leave'; onStay: () => void; onDiscard: () => void }) {
  const { t } = useKiosk();
  const stay = useRef<HTMLButtonElement>(null);
  useEffect(() => stay.current?.focus(), []);
  const key = kind === 'end' ? 'confirmEnd' : 'confirmLeave';
  return (
    <div class="modal-backdrop">
      <div class="modal" role="alertdialog" aria-modal="true" aria-labelledby="discard-title" aria-describedby="discard-body" data-testid={`confirm-${kind}`}>
        <h2 id="discard-title">{t(`${key}.title`)}</h2>
        <p id="discard-body">{t(`${key}.body`)}</p>
        <div class="modal__actions">
          <button ref={stay} type="button" class="btn btn--primary btn--large" data-testid="discard-stay" onClick={onStay}>
            {t(`${key}.stay`)}
          </button>
          <button type="button" class="btn btn--secondary btn--large" data-testid="discard-confirm" onClick={onDiscard}>
            {t(kind === 'end' ? 'confirmEnd.end' : 'confirmLeave.leave')}
          </button>
        </div>
      </div>
    </div>
  );
}
