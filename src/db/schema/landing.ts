import { boolean, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
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
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
