import { useEffect } from 'preact/hooks';
import type { Locale } from './i18n';

/**
 * Voice prompts: in voice mode each screen speaks a short prompt in the
 * resident's language. Web Speech when the browser has a voice for the
 * language (natural, follows the locale text exactly); otherwise the
 * pre-rendered recording of the same locale string (kiosk-ui/public/audio,
 * made by scripts/render-voice-prompts.ts), because Debian's Chromium on a
 * kiosk usually has no speech voices at all.
 */
let current: HTMLAudioElement | undefined;

/** `recording`: the key of the pre-rendered file to play without a browser voice (default: `key`'s own). */
export function speak(key: string, text: string, locale: Locale, recording = key): 'speech' | 'audio' {
  current?.pause();
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const voice = synth?.getVoices().find((v) => v.lang.toLowerCase().startsWith(lang));
  if (synth && voice) {
    synth.cancel();
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice;
    u.lang = voice.lang;
    u.rate = 0.9; // a little slower: many users are elderly
    synth.speak(u);
    return 'speech';
  }
  current = new Audio(`/audio/${locale}/${recording}.wav`);
  void current.play().catch(() => undefined);
  return 'audio';
}

export function stopSpeaking(): void {
  current?.pause();
  if (typeof window !== 'undefined') window.speechSynthesis?.cancel();
}

export function useVoicePrompt(enabled: boolean, key: string, text: string, locale: Locale): void {
  useEffect(() => {
    if (enabled) speak(key, text, locale);
  }, [enabled, key, text, locale]);
}
