/**
 * A short two-tone chime made on the spot (Web Audio): no sound file to ship,
 * and it plays where the system has no speech voices. Browsers may refuse
 * sound before the first touch; a refused chime is silent, the screen still says it.
 */
let ctx: AudioContext | undefined;

export function chime(): void {
  try {
    ctx ??= new AudioContext();
    const start = ctx.currentTime;
    for (const [i, freq] of [880, 660].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.3, start + i * 0.25 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.25 + 0.22);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + i * 0.25);
      osc.stop(start + i * 0.25 + 0.25);
    }
  } catch {
    // No audio output on this terminal: the words on screen remain.
  }
}
