import { useKiosk } from '../kiosk-context';

/** The words the typed letters spell, as large buttons: tapping one puts it in the search box. */
export function CandidateBar({ words, onPick }: { words: string[]; onPick: (word: string) => void }) {
  const { t } = useKiosk();
  if (words.length === 0) return null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of word buttons, not a form section (as the keyboard)
    <div class="candidates" role="group" aria-label={t('search.candidates')} data-testid="candidates">
      {words.map((w) => (
        <button key={w} type="button" class="candidate" lang="zh-CN" data-candidate={w} onClick={() => onPick(w)}>
          {w}
        </button>
      ))}
    </div>
  );
}
