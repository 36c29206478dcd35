import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  animated,
  gif,
  jpegWithExif,
  METADATA_MARKER,
  noise,
  png,
  pngDeclaring,
  pngWithTextChunk,
  SVG,
  truncated,
  webp,
} from '../../../test/fixtures/images.ts';
import { AppError } from '../../lib/errors.ts';
import { cleanImage, sniffImageFormat } from './image.ts';

async function refusal(bytes: Buffer): Promise<AppError> {
  const error = await cleanImage(bytes).then(
    () => undefined,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('sniffImageFormat', () => {
  it('knows the four formats by their signatures', async () => {
    expect(sniffImageFormat(await png())).toBe('png');
    expect(sniffImageFormat(await jpegWithExif())).toBe('jpeg');
    expect(sniffImageFormat(await webp())).toBe('webp');
    expect(sniffImageFormat(await gif())).toBe('gif');
  });

  it('knows nothing else: SVG, noise, empty, a RIFF that is not WebP', () => {
    expect(sniffImageFormat(SVG)).toBeUndefined();
    expect(sniffImageFormat(noise())).toBeUndefined();
    expect(sniffImageFormat(Buffer.alloc(0))).toBeUndefined();
    expect(sniffImageFormat(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeUndefined();
  });
});

describe('cleanImage', () => {
  it('re-encodes each format as itself with its dimensions', async () => {
    for (const [bytes, format] of [
      [await png(40, 30), 'png'],
      [await webp(40, 30), 'webp'],
      [await gif(40, 30), 'gif'],
    ] as const) {
      const clean = await cleanImage(bytes);
      expect(clean).toMatchObject({ format, width: 40, height: 30 });
      expect((await sharp(clean.data).metadata()).format).toBe(format);
    }
  });

  it('turns a photo upright by its EXIF orientation, then drops EXIF, GPS and XMP', async () => {
    const photo = await jpegWithExif();
    expect(photo.includes(METADATA_MARKER)).toBe(true);
    const clean = await cleanImage(photo);
    expect(clean).toMatchObject({ format: 'jpeg', width: 200, height: 300 });
    const metadata = await sharp(clean.data).metadata();
    for (const field of ['exif', 'xmp', 'icc', 'orientation'] as const)
      expect(metadata[field]).toBeUndefined();
    expect(clean.data.includes(METADATA_MARKER)).toBe(false);
    expect(clean.data.includes('TestCam')).toBe(false);
  });

  it('drops PNG text chunks', async () => {
    const clean = await cleanImage(await pngWithTextChunk());
    expect(clean.data.includes(METADATA_MARKER)).toBe(false);
    expect((await sharp(clean.data).metadata()).comments).toBeUndefined();
  });

  it.each(['gif', 'webp'] as const)('keeps every frame of an animated %s', async (format) => {
    const clean = await cleanImage(await animated(format, 3));
    expect(clean).toMatchObject({ format, width: 20, height: 20 });
    const metadata = await sharp(clean.data, { animated: true }).metadata();
    expect(metadata.pages).toBe(3);
    expect(metadata.loop).toBe(0);
  });

  it('refuses SVG, saying so, even when it would decode', async () => {
    const error = await refusal(SVG);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).toMatch(/^Invalid input: file: SVG is not accepted/);
    expect(error.issues).toEqual([{ path: 'file', message: expect.stringContaining('SVG') }]);
  });

  it('refuses what is not an image', async () => {
    for (const bytes of [noise(), Buffer.alloc(0), Buffer.from('GIF8'), Buffer.from('%PDF-1.7\n')]) {
      const error = await refusal(bytes);
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(error.message).toContain('file: is not a PNG, JPEG, WebP or GIF image');
    }
  });

  it('refuses a truncated or corrupt image', async () => {
    const pngSignature = (await png()).subarray(0, 8);
    for (const bytes of [
      truncated(await png(200, 200)),
      truncated(await jpegWithExif()),
      truncated(await webp(200, 200)),
      truncated(await gif(200, 200)),
      Buffer.concat([pngSignature, noise()]),
    ]) {
      const error = await refusal(bytes);
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(error.message).toContain('file: could not be decoded: the image is truncated or corrupt');
    }
  });

  it('refuses a decompression bomb from its header, before decoding pixels', async () => {
    const bomb = pngDeclaring(20_000, 20_000);
    expect(bomb.length).toBeLessThan(100_000);
    const error = await refusal(bomb);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).toContain('file: has too many pixels: at most 40 megapixels');
  });
});
