import { useEffect } from 'preact/hooks';
import type { Locale } from './i18n';

/**
 * Voice prompts: in voice mode each screen speaks a short prompt through the
 * Web Speech API, in the resident's language, when the browser has a voice
 * for it. Without a voice nothing is spoken (the screen still says it all);
 * pre-rendered audio for terminals without voices is not built yet.
 */
export function speak(text: string, locale: Locale): boolean {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  if (!synth) return false;
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const voice = synth.getVoices().find((v) => v.lang.toLowerCase().startsWith(lang));
  if (!voice) return false;
  synth.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.voice = voice;
  u.lang = voice.lang;
  u.rate = 0.9; // a little slower: many users are elderly
  synth.speak(u);
  return true;
}

export function useVoicePrompt(enabled: boolean, text: string, locale: Locale): void {
  useEffect(() => {
    if (enabled) speak(text, locale);
  }, [enabled, text, locale]);
}
