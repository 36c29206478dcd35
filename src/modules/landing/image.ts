import sharp from 'sharp';
import { AppError, validationError } from '../../lib/errors.ts';

/** The formats an upload may be, each stored and served as itself. */
export const IMAGE_FORMATS = {
  png: { extension: 'png', contentType: 'image/png' },
  jpeg: { extension: 'jpg', contentType: 'image/jpeg' },
  webp: { extension: 'webp', contentType: 'image/webp' },
  gif: { extension: 'gif', contentType: 'image/gif' },
} as const;

export type ImageFormat = keyof typeof IMAGE_FORMATS;

/**
 * Width × height (× frames for an animation) that may be decoded: 40 megapixels is a large
 * photo, and keeps a tiny, highly compressed "decompression bomb" from taking gigabytes to decode.
 */
export const MAX_INPUT_PIXELS = 40_000_000;

const DECODE_TIMEOUT_SECONDS = 20;

// Each upload is decoded once, so sharp's operation cache would only hold memory.
sharp.cache(false);

export interface CleanImage {
  format: ImageFormat;
  data: Buffer;
  width: number;
  /** The height of one frame for an animation. */
  height: number;
}

/**
 * What the leading bytes say the file is. Only the four accepted signatures are recognised; the
 * file's name and declared type are never consulted, so a PNG named `.svg` is a PNG.
 */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  return undefined;
}

/**
 * Decodes the whole image and encodes it again in its own format: only pixels survive, so EXIF
 * (GPS, camera, comments), XMP, ICC profiles and text chunks are gone, and anything that does not
 * decode cleanly (truncated, corrupt, disguised) is refused. The EXIF orientation is applied
 * first, so a phone photo does not end up sideways once its orientation tag is dropped.
 */
export async function cleanImage(bytes: Buffer): Promise<CleanImage> {
  const format = sniffImageFormat(bytes);
  if (!format) throw fileError(looksLikeSvg(bytes) ? SVG_REFUSED : NOT_AN_IMAGE);

  const animated = format === 'gif' || format === 'webp';
  try {
    const input = sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, animated });
    const metadata = await input.metadata();
    // The signature was checked above; this catches a file that only starts like one.
    if (metadata.format !== format) throw fileError(NOT_AN_IMAGE);
    const { data, info } = await input
      .autoOrient()
      .toFormat(format, ENCODE_OPTIONS[format])
      .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
      .toBuffer({ resolveWithObject: true });
    return { format, data, width: info.width, height: info.pageHeight ?? info.height };
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    throw decodeError(cause);
  }
}

/**
 * The widths (pixels) an upload may be asked for as `?w=`: a fixed set, so nobody can make the
 * server render and store an unbounded number of variants.
 */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920] as const;

export type VariantWidth = (typeof VARIANT_WIDTHS)[number];

export function isVariantWidth(value: number): value is VariantWidth {
  return (VARIANT_WIDTHS as readonly number[]).includes(value);
}

/**
 * A cleaned upload (see cleanImage) scaled down to `width` pixels wide, aspect ratio kept, in its own
 * format and encoded the same way (no metadata). Undefined, before anything is decoded, when the
 * original should be served instead: it is no wider than `width`, or it is animated (an animation
 * is served whole, at full size, rather than losing its frames or costing a resize of every frame).
 */
export async function resizeImage(
  original: Buffer,
  format: ImageFormat,
  width: number,
): Promise<Buffer | undefined> {
  const input = sharp(original, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS });
  const metadata = await input.metadata();
  if ((metadata.pages ?? 1) > 1 || metadata.width <= width) return undefined;
  return input
    .resize({ width, withoutEnlargement: true })
    .toFormat(format, ENCODE_OPTIONS[format])
    .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
    .toBuffer();
}

// Quality high enough that re-encoding a logo or photo does not visibly degrade it (PNG and GIF are
// lossless; GIF and WebP keep frames, delays and loop count from the input).
const ENCODE_OPTIONS = {
  png: {},
  jpeg: { quality: 90 },
  webp: { quality: 90 },
  gif: {},
} as const;

const NOT_AN_IMAGE = 'is not a PNG, JPEG, WebP or GIF image (the content decides, not the file name)';
const SVG_REFUSED =
  'SVG is not accepted (it can carry scripts and links); upload a PNG, JPEG, WebP or GIF image';

function decodeError(cause: unknown): AppError {
  const message = cause instanceof Error ? cause.message : '';
  if (/pixel limit/i.test(message)) {
    return fileError(
      `has too many pixels: at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels (all frames together)`,
    );
  }
  if (/timeout/i.test(message)) return fileError('took too long to decode');
  return fileError('could not be decoded: the image is truncated or corrupt');
}

function fileError(message: string): AppError {
  return validationError([{ path: ['file'], message }]);
}

/** Only to say "SVG" rather than "not an image": an SVG is refused either way. */
function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8').trimStart().toLowerCase();
  return head.startsWith('<') && head.includes('<svg');
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}
