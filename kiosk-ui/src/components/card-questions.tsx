import { useEffect, useRef } from 'preact/hooks';
import { useKiosk } from '../kiosk-context';

/**
 * The two questions the card in the reader asks: at 结束办理 ("take your card
 * first": its removal ends the session by itself) and at the next resident's
 * start ("is this card yours?": its removal lets them in by itself).
 */
export function CardQuestion({ kind }: { kind: 'end' | 'start' }) {
  const { t, session } = useKiosk();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const key = kind === 'end' ? 'cardQuestion.end' : 'cardQuestion.start';
  return (
    <div class="modal-backdrop">
      <div class="modal" role="alertdialog" aria-modal="true" aria-labelledby="card-question-title" aria-describedby="card-question-body" data-testid={`card-question-${kind}`}>
        <h2 id="card-question-title">{t(`${key}.title`)}</h2>
        <p id="card-question-body">{t(`${key}.body`)}</p>
        <div class="modal__actions">
          <button ref={first} type="button" class="btn btn--primary btn--large" data-testid="card-question-stay" onClick={() => session.send({ type: 'STAY' })}>
            {t(`${key}.stay`)}
          </button>
          <button type="button" class="btn btn--secondary btn--large" data-testid="card-question-go" onClick={() => session.send(kind === 'end' ? { type: 'CONFIRM_END' } : { type: 'CONFIRM_CARD' })}>
            {t(`${key}.go`)}
          </button>
        </div>
      </div>
    </div>
  );
}
