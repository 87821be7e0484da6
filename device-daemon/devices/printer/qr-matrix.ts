import { lazyRequire } from '../../lazy-require';
import type QRCodeLib from 'qrcode';
import type { QrEcc } from './escpos-commands';

/** A QR symbol as modules (true = dark), from the `qrcode` package. */
export interface QrMatrix {
  size: number;
  version: number;
  dark(x: number, y: number): boolean;
}

const cache = new Map<string, QrMatrix>();

/** Loaded on the first symbol (paper count, raster QR, emulator), not while the daemon starts (~60 ms of CPU). */
let qrcode: typeof QRCodeLib | undefined;
const lib = (): typeof QRCodeLib => (qrcode ??= lazyRequire<typeof QRCodeLib>('qrcode'));

/** The same payload is encoded several times per job (size the symbol, count paper, preview): keep the last few. */
export function qrMatrix(payload: string | Buffer, ecc: QrEcc = 'M'): QrMatrix {
  if (typeof payload !== 'string') return encode(payload, ecc);
  const key = `${ecc}:${payload}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const m = encode(payload, ecc);
  if (cache.size >= 32) cache.delete(cache.keys().next().value!);
  cache.set(key, m);
  return m;
}

function encode(payload: string | Buffer, ecc: QrEcc): QrMatrix {
  // Byte mode for a Buffer (what GS ( k stores); automatic segments for text.
  const input = typeof payload === 'string' ? payload : [{ data: new Uint8Array(payload), mode: 'byte' as const }];
  const code = lib().create(input as string, { errorCorrectionLevel: ecc });
  const { size, data } = code.modules;
  return { size, version: code.version, dark: (x, y) => data[y * size + x] === 1 };
}

/** A 1-bit image, rows of `widthBytes` bytes, MSB = leftmost dot, 1 = black (the GS v 0 layout). */
export interface Bitmap {
  widthDots: number;
  heightDots: number;
  widthBytes: number;
  data: Buffer;
}

/**
 * Raster fallback for printers without GS ( k: the symbol at `moduleDots`
 * per module with a 4-module quiet zone, shifted right by `leftPadDots` so
 * it is centred without relying on ESC a (which some firmware ignores for
 * raster images).
 */
export function qrBitmap(matrix: QrMatrix, moduleDots: number, leftPadDots = 0): Bitmap {
  const quiet = 4;
  const side = (matrix.size + 2 * quiet) * moduleDots;
  const widthDots = leftPadDots + side;
  const widthBytes = Math.ceil(widthDots / 8);
  const data = Buffer.alloc(widthBytes * side);
  for (let my = 0; my < matrix.size; my++) {
    for (let mx = 0; mx < matrix.size; mx++) {
      if (!matrix.dark(mx, my)) continue;
      for (let dy = 0; dy < moduleDots; dy++) {
        const row = (quiet + my) * moduleDots + dy;
        for (let dx = 0; dx < moduleDots; dx++) {
          const col = leftPadDots + (quiet + mx) * moduleDots + dx;
          const at = row * widthBytes + (col >> 3);
          data[at] = (data[at] ?? 0) | (0x80 >> (col & 7));
        }
      }
    }
  }
  return { widthDots, heightDots: side, widthBytes, data };
}
