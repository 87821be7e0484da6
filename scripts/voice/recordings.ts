import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ROOT_DIR } from '../../device-daemon/version';

/** Where the pre-rendered prompts live: kiosk-ui/public/audio/<locale>/<key>.wav, served with the page. */
export const AUDIO_DIR = join(ROOT_DIR, 'kiosk-ui/public/audio');
/** Which text each recording was made from (`<locale>/<key>` → hash), so a changed string shows as a stale recording. */
export const MANIFEST = join(AUDIO_DIR, 'manifest.json');

/** The keys the page speaks: every screen prompt (voice.*) and every guided-mode hint (guided.*, not its label). */
export function spokenKeys(table: Record<string, string>): string[] {
  return Object.keys(table)
    .filter((k) => k.startsWith('voice.') || (k.startsWith('guided.') && k !== 'guided.label'))
    .sort();
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
