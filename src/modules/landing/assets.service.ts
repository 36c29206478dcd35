import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import { AppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import * as repo from './assets.repo.ts';
import { cleanImage, IMAGE_FORMATS, type ImageFormat, resizeImage, type VariantWidth } from './image.ts';
import type { LandingService, LandingUpdate } from './landing.service.ts';
import { createUploadFiles } from './upload-files.ts';

export type AssetType = repo.AssetType;
export const ASSET_TYPES = ['logo', 'hero', 'teacher_avatar'] as const satisfies readonly AssetType[];

/** 5 MiB: the largest upload, checked on the bytes received (never on a declared size). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** Where served uploads live, under PUBLIC_BASE_URL. */
export const UPLOADS_PATH = '/uploads';

/** The landing setting each asset type sets. */
const SETTING_FOR: Record<AssetType, keyof LandingUpdate> = {
  logo: 'logoUrl',
  hero: 'heroImageUrl',
  teacher_avatar: 'teacherAvatarUrl',
};

// `<asset id>.<extension>`: 32 hex characters, so no name can point outside the uploads folder.
const FILE_NAME = /^([0-9a-f]{32})\.(png|jpg|webp|gif)$/;
const FORMAT_FOR_EXTENSION = Object.fromEntries(
  Object.entries(IMAGE_FORMATS).map(([format, { extension }]) => [extension, format as ImageFormat]),
) as Record<string, ImageFormat>;

export interface ServedUpload {
  assetId: string;
  contentType: string;
  data: Buffer;
}

/** Where width variants are kept, under DATA_DIR/uploads. */
export const VARIANTS_FOLDER = 'variants';

/** A variant's file name: `<asset id>-w<width>.<extension>`. */
export function variantFileName(assetId: string, width: number, extension: string): string {
  return `${assetId}-w${width}.${extension}`;
}

export function createAssetsService(deps: {
  db: Database;
  env: Pick<Env, 'DATA_DIR' | 'PUBLIC_BASE_URL'>;
  landing: LandingService;
  logger: Logger;
  now: () => Date;
}) {
  const uploadsDir = path.join(deps.env.DATA_DIR, 'uploads');
  const files = createUploadFiles(uploadsDir);
  const variantFiles = createUploadFiles(path.join(uploadsDir, VARIANTS_FOLDER));
  /** Variants being made, so concurrent first requests for one share a single resize. */
  const making = new Map<string, Promise<ServedUpload | undefined>>();

  /** The disk is a copy of the database: failing to write it costs a database read later, no more. */
  async function keepOnDisk(name: string, data: Buffer, into = files): Promise<void> {
    try {
      await into.write(name, data);
    } catch (error) {
      deps.logger.warn({ err: error, file: name }, 'could not write an upload to DATA_DIR/uploads');
    }
  }

  async function read(name: string): Promise<ServedUpload | undefined> {
    const match = FILE_NAME.exec(name);
    if (!match) return undefined;
    const assetId = match[1]!;
    const { contentType } = IMAGE_FORMATS[FORMAT_FOR_EXTENSION[match[2]!]!];
    const onDisk = await files.read(name);
    if (onDisk) return { assetId, contentType, data: onDisk };
    const stored = await repo.findPublicAssetData(deps.db, assetId, contentType);
    if (!stored) return undefined;
    await keepOnDisk(name, stored);
    return { assetId, contentType, data: stored };
  }

  /**
   * Scales the original down and keeps the result in the variants folder. The original is served
   * (and nothing written) when it needs no resizing; a resize that comes out no smaller in bytes
   * is stored as the original's bytes, so it is not tried again.
   */
  async function makeVariant(name: string, width: VariantWidth): Promise<ServedUpload | undefined> {
    const original = await read(name);
    if (!original) return undefined;
    const extension = FILE_NAME.exec(name)![2]!;
    const resized = await resizeImage(original.data, FORMAT_FOR_EXTENSION[extension]!, width);
    if (!resized) return original;
    const data = resized.length < original.data.length ? resized : original.data;
    await keepOnDisk(variantFileName(original.assetId, width, extension), data, variantFiles);
    return { ...original, data };
  }

  return {
    /**
     * Cleans the image (see image.ts), stores it under its content hash and makes it the tenant's
     * logo, hero image or teacher avatar through the landing service, which tells every instance
     * to drop its cached copy of the tenant.
     */
    async upload({ tenantId, assetType, bytes }: { tenantId: number; assetType: AssetType; bytes: Buffer }) {
      if (bytes.length > MAX_UPLOAD_BYTES) {
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `file: is ${bytes.length} bytes; the largest upload is 5 MiB (${MAX_UPLOAD_BYTES} bytes)`,
        );
      }
      const image = await cleanImage(bytes);
      const assetId = createHash('sha256').update(image.data).digest('hex').slice(0, 32);
      const { extension, contentType } = IMAGE_FORMATS[image.format];
      const name = `${assetId}.${extension}`;
      const asset = {
        assetType,
        assetId,
        contentType,
        width: image.width,
        height: image.height,
        data: image.data,
      };
      await repo.saveAsset(deps.db, tenantId, asset, deps.now());
      await keepOnDisk(name, image.data);
      const url = `${deps.env.PUBLIC_BASE_URL}${UPLOADS_PATH}/${name}`;
      await deps.landing.updateSettings({ tenantId, changes: { [SETTING_FOR[assetType]]: url } });
      return { success: true, url, assetId };
    },

    /** An upload by file name, from disk or else from the database (and then copied to disk). */
    read,

    /**
     * An upload at most `width` pixels wide: made once from the original (see makeVariant), then
     * read from DATA_DIR/uploads/variants. Never wider or larger than the original.
     */
    async readVariant(name: string, width: VariantWidth): Promise<ServedUpload | undefined> {
      const match = FILE_NAME.exec(name);
      if (!match) return undefined;
      const assetId = match[1]!;
      const { contentType } = IMAGE_FORMATS[FORMAT_FOR_EXTENSION[match[2]!]!];
      const onDisk = await variantFiles.read(variantFileName(assetId, width, match[2]!));
      if (onDisk) return { assetId, contentType, data: onDisk };
      const key = `${name}@${width}`;
      let pending = making.get(key);
      if (!pending) {
        pending = makeVariant(name, width).finally(() => making.delete(key));
        making.set(key, pending);
      }
      return pending;
    },
  };
}

export type AssetsService = ReturnType<typeof createAssetsService>;
