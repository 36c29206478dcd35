import { boolean, integer, pgTable, serial, timestamp } from 'drizzle-orm/pg-core';
import { tenants } from './tenants.ts';

// The landing issue adds the page's settings; publication state is read by tenant.get.
export const landingPages = pgTable('landing_pages', {
  id: serial('id').primaryKey(),
  tenantId: integer('tenant_id')
    .notNull()
    .unique()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  isPublished: boolean('is_published').notNull().default(false),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
