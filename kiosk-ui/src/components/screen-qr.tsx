import { useEffect, useState } from 'preact/hooks';

/**
 * A QR code drawn on screen (to photograph when a receipt could not print).
 * The encoder is loaded only when needed, so it costs nothing at start-up.
 */
export function ScreenQr({ text, label }: { text: string; label: string }) {
  const [modules, setModules] = useState<{ size: number; data: Uint8Array } | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then((QR) => {
      const code = QR.create(text, { errorCorrectionLevel: 'M' });
      if (live) setModules({ size: code.modules.size, data: code.modules.data as unknown as Uint8Array });
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!modules) return null;
  const { size, data } = modules;
  const quiet = 4;
  const dim = size + quiet * 2;
  let path = '';
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (data[y * size + x]) path += `M${x + quiet} ${y + quiet}h1v1h-1z`;
  return (
    <figure class="screen-qr" data-testid="screen-qr" data-text={text}>
      <svg viewBox={`0 0 ${dim} ${dim}`} role="img" aria-label={label} shape-rendering="crispEdges">
        <rect width={dim} height={dim} fill="#fff" />
        <path d={path} fill="#000" />
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}
