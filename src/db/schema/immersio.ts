import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { workshops } from './catalog.ts';
import { users } from './identity.ts';
import { tenants } from './tenants.ts';

/**
 * A tenant's link to its Immersio organisation. The API key and the outgoing-webhook signing
 * secret are stored encrypted (AES-256-GCM under a key derived from APP_SECRET, src/lib/sealed.ts).
 */
export const immersioIntegrations = pgTable(
  'immersio_integrations',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .unique()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    immersioOrgId: text('immersio_org_id').notNull(),
    orgName: text('org_name'),
    apiKeySealed: text('api_key_sealed'),
    webhookUrl: text('webhook_url'),
    webhookSecretSealed: text('webhook_secret_sealed'),
    webhookSecretRotatedAt: timestamp('webhook_secret_rotated_at', { withTimezone: true }),
    /** Set when the receiver answered 410 Gone: no more deliveries until the URL is set again. */
    webhookDisabledAt: timestamp('webhook_disabled_at', { withTimezone: true }),
    /** The start of the last successful course sync: an incremental sync asks for changes since. */
    coursesSyncedAt: timestamp('courses_synced_at', { withTimezone: true }),
    connectedAt: timestamp('connected_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    disconnectedAt: timestamp('disconnected_at', { withTimezone: true }),
  },
  (t) => [
    // An organisation belongs to one tenant: incoming webhooks are routed by it.
    uniqueIndex('immersio_integrations_org_live_uq')
      .on(t.immersioOrgId)
      .where(sql`${t.disconnectedAt} is null`),
  ],
);

/** Immersio's courses as last seen (sync or webhook); a deleted course keeps its row. */
export const immersioCourses = pgTable(
  'immersio_courses',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    immersioCourseId: text('immersio_course_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    status: text('status').notNull().default('active'),
    studentCount: integer('student_count'),
    remoteUpdatedAt: timestamp('remote_updated_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('immersio_courses_tenant_course_uq').on(t.tenantId, t.immersioCourseId)],
);

/** A workshop fed by an Immersio course; with `syncStudents` its whitelist follows the enrolment. */
export const courseMappings = pgTable(
  'course_mappings',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    workshopId: integer('workshop_id')
      .notNull()
      .unique()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    immersioCourseId: text('immersio_course_id').notNull(),
    syncStudents: boolean('sync_students').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('course_mappings_course_idx').on(t.tenantId, t.immersioCourseId)],
);

/** One sync run (courses or students, pull or push) and how it went. */
export const syncLogs = pgTable(
  'sync_logs',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    syncType: text('sync_type').notNull(),
    direction: text('direction').notNull().default('pull'),
    /** running, completed or failed. */
    status: text('status').notNull().default('running'),
    fullSync: boolean('full_sync').notNull().default(false),
    recordsProcessed: integer('records_processed').notNull().default(0),
    recordsFailed: integer('records_failed').notNull().default(0),
    coursesCreated: integer('courses_created').notNull().default(0),
    coursesUpdated: integer('courses_updated').notNull().default(0),
    errorDetails: jsonb('error_details'),
    /** A running sync whose lease lapsed belongs to a process that died; another may start. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('sync_logs_tenant_started_idx').on(t.tenantId, t.startedAt),
    // At most one running course sync per tenant.
    uniqueIndex('sync_logs_one_running_uq').on(t.tenantId, t.syncType).where(sql`${t.status} = 'running'`),
  ],
);

/** Incoming webhook ids already taken: a replay is answered `processed: false`. */
export const incomingWebhooks = pgTable('incoming_webhooks', {
  webhookId: text('webhook_id').primaryKey(),
  tenantId: integer('tenant_id'),
  event: text('event').notNull(),
  processed: boolean('processed').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every attempt to deliver an outgoing webhook, for admins to inspect and resend. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull(),
    /** The same on every retry of one event (X-Webhook-Id / webhook-id). */
    webhookId: text('webhook_id').notNull(),
    event: text('event').notNull(),
    url: text('url').notNull(),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_deliveries_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('webhook_deliveries_outbox_idx').on(t.outboxId),
  ],
);

/** A user's Immersio identity (SSO `sub` within an organisation). */
export const immersioIdentities = pgTable(
  'immersio_identities',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: text('org_id').notNull(),
    subject: text('subject').notNull(),
    /** For students: the id Immersio's enrolments and whitelists use. */
    immersioStudentId: text('immersio_student_id'),
    role: text('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('immersio_identities_org_subject_uq').on(t.orgId, t.subject),
    index('immersio_identities_user_idx').on(t.userId),
  ],
);

/** SSO token ids already used (kept until the token would have expired anyway). */
export const usedSsoTokens = pgTable('used_sso_tokens', {
  jti: text('jti').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
