import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The seam for a licensed WLT photo decoder (WltRS / libwlt2bmp / vendor
 * JNI: none is open source, reference §7). A decoder is a module named in
 * devices.idCardReader.photoDecoder that exports
 *
 *   createPhotoDecoder(): PhotoDecoder | Promise<PhotoDecoder>   (or as default export)
 *
 * e.g. a small wrapper around the vendor's library through a native addon.
 * Without one, the photo stays opaque bytes, the summary says
 * photo: 'notDecoded' and the UI shows a neutral silhouette.
 */
export interface PhotoDecoder {
  /** 1024 WLT bytes → a 102×126 24-bit BMP (38 862 bytes on known decoders). */
  decode(wlt: Buffer): Promise<Buffer>;
}

class PhotoDecoderLoadError extends Error {
  override name = 'PhotoDecoderLoadError';
}

export async function loadPhotoDecoder(modulePath: string, baseDir: string): Promise<PhotoDecoder> {
  const abs = isAbsolute(modulePath) ? modulePath : resolve(baseDir, modulePath);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
  } catch (err) {
    throw new PhotoDecoderLoadError(`cannot load photo decoder ${abs}: ${(err as Error).message}`);
  }
  const factory = (mod.createPhotoDecoder ?? mod.default) as (() => PhotoDecoder | Promise<PhotoDecoder>) | undefined;
  if (typeof factory !== 'function') throw new PhotoDecoderLoadError(`${abs} exports no createPhotoDecoder()`);
  const decoder = await factory();
  if (!decoder || typeof decoder.decode !== 'function') throw new PhotoDecoderLoadError(`${abs}: createPhotoDecoder() returned no decode()`);
  return decoder;
}

/** Run a decoder with a deadline and check that it produced a BMP; never throws. */
export async function decodePhoto(decoder: PhotoDecoder, wlt: Buffer, timeoutMs = 2000): Promise<Buffer | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const bmp = await Promise.race([decoder.decode(Buffer.from(wlt)), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('photo decoder timed out')), timeoutMs)))]);
    return Buffer.isBuffer(bmp) && bmp.length > 54 && bmp.toString('latin1', 0, 2) === 'BM' ? bmp : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
