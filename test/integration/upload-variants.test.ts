import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTRPCClient, httpBatchLink, httpLink, isNonJsonSerializable, splitLink } from '@trpc/client';
import sharp from 'sharp';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import type { AppRouter } from '../../src/trpc/router.ts';
import { animated, png } from '../fixtures/images.ts';
import { createTenant, type TestApp, useTestApp } from '../support/app.ts';

function uploadClient(baseUrl: string, token: string) {
  const url = `${baseUrl}/api/trpc`;
  const headers = () => ({ authorization: `Bearer ${token}` });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => isNonJsonSerializable(op.input),
        true: httpLink({ url, transformer: superjson, headers }),
        false: httpBatchLink({ url, transformer: superjson, headers }),
      }),
    ],
  });
}

/** A photo-like JPEG (smooth noise, so it compresses like a picture rather than a flat colour). */
async function photo(width: number, height: number): Promise<Buffer> {
  const small = await sharp({
    create: {
      width: width / 8,
      height: height / 8,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .png()
    .toBuffer();
  return sharp(small).resize(width, height).jpeg({ quality: 85 }).toBuffer();
}

const app = useTestApp({ env: { RATE_LIMIT_UPLOAD: '100000' } });

async function upload(assetType: 'hero' | 'logo', bytes: Buffer, type: string) {
  const tenant = await createTenant(app);
  const data = new FormData();
  data.append('assetType', assetType);
  data.append('file', new File([new Uint8Array(bytes)], 'image', { type }));
  return uploadClient(app.baseUrl, tenant.owner.token).immersio.landing.uploadAsset.mutate(data);
}

function served(a: TestApp, url: string, query = ''): string {
  return `${a.baseUrl}${new URL(url).pathname}${query}`;
}

const variantsDir = () => path.join(app.dataDir, 'uploads', 'variants');

describe('GET /uploads/<name>?w=<width>', () => {
  it('serves a narrower copy, keeps it on disk and serves it from there, with its own ETag', async () => {
    const { url, assetId } = await upload('hero', await photo(2400, 1600), 'image/jpeg');
    const original = Buffer.from(await (await fetch(served(app, url))).arrayBuffer());

    const response = await fetch(served(app, url, '?w=640'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('etag')).toBe(`"${assetId}-w640"`);
    const variant = Buffer.from(await response.arrayBuffer());
    expect(await sharp(variant).metadata()).toMatchObject({ format: 'jpeg', width: 640, height: 427 });
    expect(variant.length).toBeLessThan(original.length / 4);

    const file = path.join(variantsDir(), `${assetId}-w640.jpg`);
    expect(await readFile(file)).toEqual(variant);
    // The second answer is the disk copy, not a new resize.
    const marked = Buffer.concat([variant, Buffer.from('from-disk')]);
    await writeFile(file, marked);
    expect(Buffer.from(await (await fetch(served(app, url, '?w=640'))).arrayBuffer())).toEqual(marked);

    const revalidated = await fetch(served(app, url, '?w=640'), {
      headers: { 'if-none-match': `"${assetId}-w640"` },
    });
    expect(revalidated.status).toBe(304);
    // The original's tag is not the variant's, nor the other way round.
    expect(
      (await fetch(served(app, url, '?w=640'), { headers: { 'if-none-match': `"${assetId}"` } })).status,
    ).toBe(200);
    expect(
      (await fetch(served(app, url), { headers: { 'if-none-match': `"${assetId}-w640"` } })).status,
    ).toBe(200);
    const head = await fetch(served(app, url, '?w=640'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(marked.length));
  });

  it('concurrent first requests get the same bytes, and one file; the original may be missing from disk', async () => {
    const { url, assetId } = await upload('hero', await photo(2000, 1000), 'image/jpeg');
    await rm(path.join(app.dataDir, 'uploads', `${assetId}.jpg`));
    const bodies = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const response = await fetch(served(app, url, '?w=960'));
        expect(response.status).toBe(200);
        return Buffer.from(await response.arrayBuffer());
      }),
    );
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect((await sharp(bodies[0]!).metadata()).width).toBe(960);
    expect(await readFile(path.join(variantsDir(), `${assetId}-w960.jpg`))).toEqual(bodies[0]);
  });

  it('serves the original bytes for a width the original does not exceed, and stores no copy', async () => {
    const { url, assetId } = await upload('logo', await png(800, 200), 'image/png');
    const original = Buffer.from(await (await fetch(served(app, url))).arrayBuffer());
    for (const width of [960, 1920]) {
      const response = await fetch(served(app, url, `?w=${width}`));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('etag')).toBe(`"${assetId}-w${width}"`);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(original);
      await expect(stat(path.join(variantsDir(), `${assetId}-w${width}.png`))).rejects.toThrow();
    }
    const smaller = await fetch(served(app, url, '?w=320'));
    expect((await sharp(Buffer.from(await smaller.arrayBuffer())).metadata()).width).toBe(320);
  });

  it('serves an animation whole, frames and all', async () => {
    const { url } = await upload('hero', await animated('gif', 3), 'image/gif');
    const original = Buffer.from(await (await fetch(served(app, url))).arrayBuffer());
    const response = await fetch(served(app, url, '?w=320'));
    expect(response.headers.get('content-type')).toBe('image/gif');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(original);
  });

  it('refuses any other width with 400 VALIDATION_ERROR naming the allowed ones', async () => {
    const { url } = await upload('logo', await png(40, 40), 'image/png');
    for (const query of [
      '?w=500',
      '?w=0',
      '?w=abc',
      '?w=',
      '?w=640.0',
      '?w=0640',
      '?w=640&w=960',
      '?w=99999999',
    ]) {
      const response = await fetch(served(app, url, query));
      expect(response.status, query).toBe(400);
      expect(await response.json(), query).toMatchObject({
        code: 'VALIDATION_ERROR',
        error:
          'Invalid input: w: must be one of 320, 640, 960, 1280, 1920 (pixels wide), or left out for the original',
      });
    }
    const missing = await fetch(`${app.baseUrl}/uploads/${'0'.repeat(32)}.png?w=640`);
    expect(missing.status).toBe(404);
  });
});
