import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client.ts';
import { createLogger } from '../../lib/logger.ts';
import { createAssetsService } from './assets.service.ts';
import * as image from './image.ts';
import type { LandingService } from './landing.service.ts';

vi.mock('./image.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./image.ts')>();
  return { ...actual, resizeImage: vi.fn(actual.resizeImage) };
});

describe('assets service: width variants', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ibs-variants-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('concurrent first requests for one variant share a single resize, later ones read the disk', async () => {
    const assets = createAssetsService({
      db: {} as Database, // the original is on disk: the database is never asked
      env: { DATA_DIR: dataDir, PUBLIC_BASE_URL: 'http://localhost:3000' },
      landing: {} as LandingService,
      logger: createLogger('silent'),
      now: () => new Date(),
    });
    const assetId = 'f'.repeat(32);
    const original = await sharp({ create: { width: 1000, height: 500, channels: 3, background: '#123456' } })
      .jpeg()
      .toBuffer();
    await mkdir(path.join(dataDir, 'uploads'), { recursive: true });
    await writeFile(path.join(dataDir, 'uploads', `${assetId}.jpg`), original);
    const resize = vi.mocked(image.resizeImage);
    resize.mockClear();

    const answers = await Promise.all(
      Array.from({ length: 5 }, () => assets.readVariant(`${assetId}.jpg`, 320)),
    );
    expect(resize).toHaveBeenCalledTimes(1);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await sharp(answers[0]!.data).metadata()).toMatchObject({ width: 320, height: 160 });
    const file = path.join(dataDir, 'uploads', 'variants', `${assetId}-w320.jpg`);
    expect(await readFile(file)).toEqual(answers[0]!.data);

    await assets.readVariant(`${assetId}.jpg`, 320);
    expect(resize).toHaveBeenCalledTimes(1);
    await assets.readVariant(`${assetId}.jpg`, 640);
    expect(resize).toHaveBeenCalledTimes(2);
    expect(await assets.readVariant('../etc/passwd', 320)).toBeUndefined();
  });
});
