import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { landingAssets } from '../../db/schema/index.ts';

export type AssetType = (typeof landingAssets.$inferInsert)['assetType'];

export interface NewAsset {
  assetType: AssetType;
  assetId: string;
  contentType: string;
  width: number;
  height: number;
  data: Buffer;
}

/** Records an upload; the same image uploaded again as the same type only refreshes `created_at`. */
export async function saveAsset(db: Executor, tenantId: number, asset: NewAsset, now: Date): Promise<void> {
  await db
    .insert(landingAssets)
    .values({ tenantId, ...asset, bytes: asset.data.length, createdAt: now })
    .onConflictDoUpdate({
      target: [landingAssets.tenantId, landingAssets.assetType, landingAssets.assetId],
      set: { createdAt: now },
    });
}

/**
 * The one read across tenants: serving `/uploads/<assetId>.<ext>` to anyone. That is safe because
 * an asset id is the hash of the image's bytes, so knowing it means already having the image, and
 * the images are made to be shown on public landing pages.
 */
export async function findPublicAssetData(
  db: Executor,
  assetId: string,
  contentType: string,
): Promise<Buffer | undefined> {
  const [row] = await db
    .select({ data: landingAssets.data })
    .from(landingAssets)
    .where(and(eq(landingAssets.assetId, assetId), eq(landingAssets.contentType, contentType)))
    .limit(1);
  return row?.data;
}
