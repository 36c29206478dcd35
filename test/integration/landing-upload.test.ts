import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createTRPCClient, httpBatchLink, httpLink, isNonJsonSerializable, splitLink } from '@trpc/client';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { landingAssets } from '../../src/db/schema/index.ts';
import type { AppRouter } from '../../src/trpc/router.ts';
import {
  animated,
  jpegWithExif,
  METADATA_MARKER,
  noise,
  png,
  SVG,
  truncated,
  webp,
} from '../fixtures/images.ts';
import {
  addSignedInMember,
  createTenant,
  startTestApp,
  type TestApp,
  trpcError,
  useTestApp,
} from '../support/app.ts';
import { createTestDatabase } from '../support/db.ts';

/**
 * The client a front end would write against the spec: FormData inputs go through `httpLink` as
 * multipart/form-data, everything else through the batching link.
 */
function uploadClient(baseUrl: string, token?: string) {
  const url = `${baseUrl}/api/trpc`;
  const headers = () => (token ? { authorization: `Bearer ${token}` } : {});
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

type UploadClient = ReturnType<typeof uploadClient>;

function form(assetType: string, bytes: Buffer, fileName: string, type: string): FormData {
  const data = new FormData();
  data.append('assetType', assetType);
  data.append('file', new File([new Uint8Array(bytes)], fileName, { type }));
  return data;
}

/** The served copy of an upload URL (which names PUBLIC_BASE_URL, not the test server's port). */
function servedUrl(app: TestApp, url: string): string {
  return `${app.baseUrl}${new URL(url).pathname}`;
}

async function uploader(app: TestApp) {
  const tenant = await createTenant(app);
  return { tenant, client: uploadClient(app.baseUrl, tenant.owner.token) };
}

describe('immersio.landing.uploadAsset', () => {
  // The upload budget is exercised by its own app below; here it must not get in the way.
  const app = useTestApp({ env: { RATE_LIMIT_UPLOAD: '100000' } });

  it('sets the logo, hero image and teacher avatar from FormData uploads; getSettings shows them', async () => {
    const { tenant, client } = await uploader(app);
    const logo = await client.immersio.landing.uploadAsset.mutate(
      form('logo', await png(64, 32), 'logo.png', 'image/png'),
    );
    const hero = await client.immersio.landing.uploadAsset.mutate(
      form('hero', await jpegWithExif(), 'hero.jpg', 'image/jpeg'),
    );
    const avatar = await client.immersio.landing.uploadAsset.mutate(
      form('teacher_avatar', await webp(48, 48), 'me.webp', 'image/webp'),
    );
    for (const [result, extension] of [
      [logo, 'png'],
      [hero, 'jpg'],
      [avatar, 'webp'],
    ] as const) {
      expect(result).toEqual({ success: true, url: expect.any(String), assetId: expect.any(String) });
      expect(result.assetId).toMatch(/^[0-9a-f]{32}$/);
      expect(result.url).toBe(`http://localhost:3000/uploads/${result.assetId}.${extension}`);
    }
    const settings = await client.immersio.landing.getSettings.query({});
    expect(settings).toMatchObject({
      logoUrl: logo.url,
      heroImageUrl: hero.url,
      teacherAvatarUrl: avatar.url,
    });
    expect((await tenant.owner.client.immersio.tenant.get.query({})).logoUrl).toBe(logo.url);

    const rows = await app.database.db
      .select({
        assetType: landingAssets.assetType,
        assetId: landingAssets.assetId,
        contentType: landingAssets.contentType,
        width: landingAssets.width,
        height: landingAssets.height,
      })
      .from(landingAssets)
      .where(eq(landingAssets.tenantId, tenant.tenantId));
    expect(rows).toEqual(
      expect.arrayContaining([
        { assetType: 'logo', assetId: logo.assetId, contentType: 'image/png', width: 64, height: 32 },
        { assetType: 'hero', assetId: hero.assetId, contentType: 'image/jpeg', width: 200, height: 300 },
        {
          assetType: 'teacher_avatar',
          assetId: avatar.assetId,
          contentType: 'image/webp',
          width: 48,
          height: 48,
        },
      ]),
    );
    expect(rows).toHaveLength(3);
  });

  it('serves the upload at its URL without EXIF or GPS, upright, with caching and safety headers', async () => {
    const { client } = await uploader(app);
    const photo = await jpegWithExif();
    expect(photo.includes(METADATA_MARKER)).toBe(true);
    const { url, assetId } = await client.immersio.landing.uploadAsset.mutate(
      form('hero', photo, 'IMG_0001.JPG', 'image/jpeg'),
    );
    const response = await fetch(servedUrl(app, url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('etag')).toBe(`"${assetId}"`);
    const served = Buffer.from(await response.arrayBuffer());
    expect(served.includes(METADATA_MARKER)).toBe(false);
    const metadata = await sharp(served).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 200, height: 300 });
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();

    const revalidated = await fetch(servedUrl(app, url), { headers: { 'if-none-match': `"${assetId}"` } });
    expect(revalidated.status).toBe(304);
    const head = await fetch(servedUrl(app, url), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(served.length));
  });

  it('keeps the file under DATA_DIR/uploads, and serves it from the database when the disk copy is gone', async () => {
    const { client } = await uploader(app);
    const { url, assetId } = await client.immersio.landing.uploadAsset.mutate(
      form('logo', await png(10, 10), 'l.png', 'image/png'),
    );
    const file = path.join(app.dataDir, 'uploads', `${assetId}.png`);
    const onDisk = await readFile(file);
    await rm(file);
    const response = await fetch(servedUrl(app, url));
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(onDisk)).toBe(true);
    // Written back, so the next request is a file read again.
    expect((await stat(file)).size).toBe(onDisk.length);
  });

  it('answers unknown and malformed upload names with 404 NOT_FOUND (a NUL with 400), never a file outside the folder', async () => {
    for (const name of [
      `${'0'.repeat(32)}.png`,
      `${'A'.repeat(32)}.png`,
      '..%2F..%2Fapp-secret',
      '..%2Fpglite',
      'app-secret',
      `${'0'.repeat(32)}.svg`,
    ]) {
      const response = await fetch(`${app.baseUrl}/uploads/${name}`);
      expect(response.status, name).toBe(404);
      expect(await response.json()).toEqual({ error: expect.any(String), code: 'NOT_FOUND' });
    }
    // A NUL is refused at the boundary, before any file name is built from it.
    const nul = await fetch(`${app.baseUrl}/uploads/${'0'.repeat(32)}.png%00.txt`);
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
  });

  it('goes by content, not by name or declared type: a PNG named .svg is a PNG', async () => {
    const { client } = await uploader(app);
    const result = await client.immersio.landing.uploadAsset.mutate(
      form('logo', await png(), 'logo.svg', 'image/svg+xml'),
    );
    expect(result.url).toMatch(/\.png$/);
    const response = await fetch(servedUrl(app, result.url));
    expect(response.headers.get('content-type')).toBe('image/png');
  });

  it('refuses an SVG named .png with VALIDATION_ERROR', async () => {
    const { client } = await uploader(app);
    const error = await trpcError(
      client.immersio.landing.uploadAsset.mutate(form('logo', SVG, 'logo.png', 'image/png')),
    );
    expect(error).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(error.message).toContain('file: SVG is not accepted');
  });

  it('refuses a truncated PNG or JPEG and a non-image with VALIDATION_ERROR', async () => {
    const { client } = await uploader(app);
    for (const [bytes, name, message] of [
      [truncated(await png(200, 200)), 'cut.png', 'truncated or corrupt'],
      [truncated(await jpegWithExif()), 'cut.jpg', 'truncated or corrupt'],
      [noise(), 'random.png', 'is not a PNG, JPEG, WebP or GIF image'],
      [Buffer.from('%PDF-1.4 not an image'), 'doc.gif', 'is not a PNG, JPEG, WebP or GIF image'],
    ] as const) {
      const error = await trpcError(
        client.immersio.landing.uploadAsset.mutate(form('hero', bytes, name, 'image/png')),
      );
      expect(error, name).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
      expect(error.message).toContain(`file: `);
      expect(error.message).toContain(message);
    }
    const settings = await client.immersio.landing.getSettings.query({});
    expect(settings.heroImageUrl).toBeNull();
  });

  it('accepts an animated GIF and keeps its frames', async () => {
    const { client } = await uploader(app);
    const { url } = await client.immersio.landing.uploadAsset.mutate(
      form('hero', await animated('gif', 4), 'anim.gif', 'image/gif'),
    );
    const served = Buffer.from(await (await fetch(servedUrl(app, url))).arrayBuffer());
    expect((await sharp(served, { animated: true }).metadata()).pages).toBe(4);
  });

  it('refuses more than 5 MiB with 413 PAYLOAD_TOO_LARGE, whether the body limit or the check catches it', async () => {
    const { client } = await uploader(app);
    const pngSignature = (await png()).subarray(0, 8);
    for (const size of [5 * 1024 * 1024 + 1, 8 * 1024 * 1024]) {
      const bytes = Buffer.concat([pngSignature, Buffer.alloc(size - 8, 1)]);
      const error = await trpcError(
        client.immersio.landing.uploadAsset.mutate(form('hero', bytes, 'big.png', 'image/png')),
      );
      expect(error, String(size)).toMatchObject({ appCode: 'PAYLOAD_TOO_LARGE', httpStatus: 413 });
    }
    // The connection and the service are fine afterwards.
    const ok = await client.immersio.landing.uploadAsset.mutate(
      form('hero', await png(), 'ok.png', 'image/png'),
    );
    expect(ok.success).toBe(true);
  });

  it('lets only an OWNER or ADMIN upload, and nobody without a session', async () => {
    const { tenant } = await uploader(app);
    const member = await addSignedInMember(app, tenant.tenantId, 'MEMBER');
    const admin = await addSignedInMember(app, tenant.tenantId, 'ADMIN');
    const upload = async (client: UploadClient) =>
      client.immersio.landing.uploadAsset.mutate(form('logo', await png(), 'logo.png', 'image/png'));

    expect(await trpcError(upload(uploadClient(app.baseUrl, member.token)))).toMatchObject({
      appCode: 'FORBIDDEN',
      httpStatus: 403,
    });
    expect(await trpcError(upload(uploadClient(app.baseUrl)))).toMatchObject({
      appCode: 'UNAUTHORIZED',
      httpStatus: 401,
    });
    await expect(upload(uploadClient(app.baseUrl, admin.token))).resolves.toMatchObject({ success: true });
  });

  it('accepts JSON with a base64 file or a data: URL, for clients that cannot send multipart', async () => {
    const { client } = await uploader(app);
    const image = await png(12, 12);
    const fromObject = await client.immersio.landing.uploadAsset.mutate({
      assetType: 'teacher_avatar',
      file: { name: 'avatar.png', data: image.toString('base64') },
    });
    const fromDataUrl = await client.immersio.landing.uploadAsset.mutate({
      assetType: 'logo',
      // The declared type is ignored like a file name: this is a PNG.
      file: `data:image/gif;base64,${image.toString('base64')}`,
    });
    expect(fromObject.assetId).toBe(fromDataUrl.assetId);
    expect(fromDataUrl.url).toMatch(/\.png$/);
    expect(await client.immersio.landing.getSettings.query({})).toMatchObject({
      teacherAvatarUrl: fromObject.url,
      logoUrl: fromDataUrl.url,
    });
  });

  it('answers malformed input with 400 VALIDATION_ERROR naming the field, never a 500', async () => {
    const { tenant, client } = await uploader(app);
    const image = (await png()).toString('base64');
    const cases: [unknown, string][] = [
      [
        { assetType: 'banner', file: { data: image } },
        'assetType: must be one of logo, hero, teacher_avatar',
      ],
      [{ assetType: 'logo' }, 'file: is required'],
      [{ assetType: 'logo', file: { data: '***not base64***' } }, 'file: is not valid base64'],
      [{ assetType: 'logo', file: { data: 42 } }, 'file.data: must be the file content as a base64 string'],
      [{ assetType: 'logo', file: 'just a string' }, 'file: must be a file'],
      [{ assetType: 'logo', file: 'data:image/png,raw' }, 'file: data: URL must be base64-encoded'],
      ['nope', 'must be multipart/form-data with the fields assetType and file'],
    ];
    for (const [input, message] of cases) {
      const error = await trpcError(client.immersio.landing.uploadAsset.mutate(input as FormData));
      expect(error, message).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
      expect(error.message).toContain(message);
    }

    const noFile = new FormData();
    noFile.append('assetType', 'logo');
    noFile.append('file', 'not a file');
    const twoFiles = form('logo', await png(), 'a.png', 'image/png');
    twoFiles.append('file', new File([new Uint8Array(await png())], 'b.png'));
    for (const [input, message] of [
      [new FormData(), 'file: is required'],
      [noFile, 'file: must be a file'],
      [twoFiles, 'file: must be one file'],
    ] as const) {
      const error = await trpcError(client.immersio.landing.uploadAsset.mutate(input));
      expect(error, message).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
      expect(error.message).toContain(message);
    }

    // A body that only claims to be multipart.
    for (const contentType of ['multipart/form-data; boundary=xyz', 'multipart/form-data']) {
      const response = await fetch(`${app.baseUrl}/api/trpc/immersio.landing.uploadAsset`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tenant.owner.token}`, 'content-type': contentType },
        body: 'this is not multipart',
      });
      expect(response.status, contentType).toBe(400);
      const body = (await response.json()) as { error: { json: { data: { appCode: string } } } };
      expect(body.error.json.data.appCode).toBe('VALIDATION_ERROR');
    }
  });

  it("never touches another tenant's settings", async () => {
    const a = await uploader(app);
    const b = await uploader(app);
    const before = await a.client.immersio.landing.getSettings.query({});
    const upload = await b.client.immersio.landing.uploadAsset.mutate(
      form('logo', await png(20, 20), 'b.png', 'image/png'),
    );
    await b.client.immersio.landing.uploadAsset.mutate(form('hero', await png(21, 21), 'b.png', 'image/png'));
    const after = await a.client.immersio.landing.getSettings.query({});
    expect(after).toEqual(before);
    expect((await a.tenant.owner.client.immersio.tenant.get.query({})).logoUrl).toBeNull();
    expect((await b.client.immersio.landing.getSettings.query({})).logoUrl).toBe(upload.url);
    const rowsOfA = await app.database.db
      .select({ id: landingAssets.id })
      .from(landingAssets)
      .where(eq(landingAssets.tenantId, a.tenant.tenantId));
    expect(rowsOfA).toEqual([]);
  });
});

describe('uploads with several instances', () => {
  it('an instance that does not share the disk serves an upload from the database', async () => {
    const database = await createTestDatabase();
    const a = await startTestApp({ database });
    const b = await startTestApp({ database });
    try {
      const { client } = await uploader(a);
      const { url } = await client.immersio.landing.uploadAsset.mutate(
        form('logo', await png(16, 16), 'l.png', 'image/png'),
      );
      const fromA = Buffer.from(await (await fetch(servedUrl(a, url))).arrayBuffer());
      const response = await fetch(servedUrl(b, url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await response.arrayBuffer()).equals(fromA)).toBe(true);
    } finally {
      await a.close();
      await b.close();
      await database.close();
    }
  });
});

describe('the upload rate limit', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_UPLOAD: '10' } });
  });
  afterAll(() => app?.close());

  it('refuses the 11th upload within a minute with 429 RATE_LIMITED and Retry-After, per user', async () => {
    const { tenant, client } = await uploader(app);
    const image = await png(8, 8);
    for (let i = 0; i < 10; i++) {
      await client.immersio.landing.uploadAsset.mutate(form('logo', image, 'l.png', 'image/png'));
    }
    const body = form('logo', image, 'l.png', 'image/png');
    const response = await fetch(`${app.baseUrl}/api/trpc/immersio.landing.uploadAsset`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.owner.token}` },
      body,
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(response.headers.get('ratelimit-limit')).toBe('10');
    expect(response.headers.get('ratelimit-remaining')).toBe('0');
    const error = await trpcError(
      client.immersio.landing.uploadAsset.mutate(form('logo', image, 'l.png', 'image/png')),
    );
    expect(error).toMatchObject({ appCode: 'RATE_LIMITED', httpStatus: 429 });

    // Other calls of the same user, and other users' uploads, are not held back.
    await expect(client.immersio.landing.getSettings.query({})).resolves.toMatchObject({
      ctaText: 'Book Now',
    });
    const other = await uploader(app);
    await expect(
      other.client.immersio.landing.uploadAsset.mutate(form('logo', image, 'l.png', 'image/png')),
    ).resolves.toMatchObject({ success: true });
  });
});
