import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { tenants } from './tenants.ts';

/**
 * A tenant's public landing page: one row per tenant, created with defaults on first read.
 * The logo is the tenant's own (`tenants.logo_url`), so it is not repeated here.
 */
export const landingPages = pgTable('landing_pages', {
  id: serial('id').primaryKey(),
  tenantId: integer('tenant_id')
    .notNull()
    .unique()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  templateId: text('template_id').notNull().default('education'),
  primaryColor: text('primary_color').notNull().default('#0066FF'),
  secondaryColor: text('secondary_color'),
  heroImageUrl: text('hero_image_url'),
  pageTitle: text('page_title'),
  pageSubtitle: text('page_subtitle'),
  teacherBio: text('teacher_bio'),
  teacherAvatarUrl: text('teacher_avatar_url'),
  socialLinks: jsonb('social_links').$type<Record<string, string>>().notNull().default({}),
  ctaText: text('cta_text').notNull().default('Book Now'),
  metaTitle: text('meta_title'),
  metaDescription: text('meta_description'),
  isPublished: boolean('is_published').notNull().default(false),
  /** Sites allowed to frame the pages through embed.js (issue 20): exact origins, https or local http. */
  embedOrigins: text('embed_origins').array().notNull().default([]),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** PostgreSQL `bytea`: node-postgres reads it as a Buffer, PGlite as a Uint8Array. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) =>
    Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * Images uploaded for a landing page, one row per tenant, type and content. `asset_id` is the
 * content hash that names the served file; the bytes are kept here too, so an instance that never
 * saw the upload (no shared disk) can still serve it.
 */
export const landingAssets = pgTable(
  'landing_assets',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    assetType: text('asset_type').$type<'logo' | 'hero' | 'teacher_avatar'>().notNull(),
    assetId: text('asset_id').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('landing_assets_tenant_type_asset_key').on(table.tenantId, table.assetType, table.assetId),
    index('landing_assets_asset_id_idx').on(table.assetId),
  ],
);
