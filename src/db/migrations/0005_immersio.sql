CREATE TABLE "course_mappings" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"workshop_id" integer NOT NULL,
	"immersio_course_id" text NOT NULL,
	"sync_students" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_mappings_workshop_id_unique" UNIQUE("workshop_id")
);
--> statement-breakpoint
CREATE TABLE "immersio_courses" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"immersio_course_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'active' NOT NULL,
	"student_count" integer,
	"remote_updated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "immersio_identities" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"org_id" text NOT NULL,
	"subject" text NOT NULL,
	"immersio_student_id" text,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incoming_webhooks" (
	"webhook_id" text PRIMARY KEY NOT NULL,
	"tenant_id" integer,
	"event" text NOT NULL,
	"processed" boolean NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_logs" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"sync_type" text NOT NULL,
	"direction" text DEFAULT 'pull' NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"full_sync" boolean DEFAULT false NOT NULL,
	"records_processed" integer DEFAULT 0 NOT NULL,
	"records_failed" integer DEFAULT 0 NOT NULL,
	"courses_created" integer DEFAULT 0 NOT NULL,
	"courses_updated" integer DEFAULT 0 NOT NULL,
	"error_details" jsonb,
	"lease_until" timestamp with time zone,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "used_sso_tokens" (
	"jti" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"outbox_id" bigint NOT NULL,
	"webhook_id" text NOT NULL,
	"event" text NOT NULL,
	"url" text NOT NULL,
	"attempt" integer NOT NULL,
	"status_code" integer,
	"error" text,
	"duration_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "immersio_integrations" ADD COLUMN "org_name" text;--> statement-breakpoint
ALTER TABLE "immersio_integrations" ADD COLUMN "api_key_sealed" text;--> statement-breakpoint
ALTER TABLE "immersio_integrations" ADD COLUMN "webhook_url" text;--> statement-breakpoint
ALTER TABLE "immersio_integrations" ADD COLUMN "webhook_secret_sealed" text;--> statement-breakpoint
ALTER TABLE "immersio_integrations" ADD COLUMN "webhook_secret_rotated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "immersio_integrations" ADD COLUMN "webhook_disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "immersio_integrations" ADD COLUMN "courses_synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "immersio_integrations" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "course_mappings" ADD CONSTRAINT "course_mappings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_mappings" ADD CONSTRAINT "course_mappings_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "immersio_courses" ADD CONSTRAINT "immersio_courses_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "immersio_identities" ADD CONSTRAINT "immersio_identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_logs" ADD CONSTRAINT "sync_logs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_mappings_course_idx" ON "course_mappings" USING btree ("tenant_id","immersio_course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "immersio_courses_tenant_course_uq" ON "immersio_courses" USING btree ("tenant_id","immersio_course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "immersio_identities_org_subject_uq" ON "immersio_identities" USING btree ("org_id","subject");--> statement-breakpoint
CREATE INDEX "immersio_identities_user_idx" ON "immersio_identities" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sync_logs_tenant_started_idx" ON "sync_logs" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_logs_one_running_uq" ON "sync_logs" USING btree ("tenant_id","sync_type") WHERE "sync_logs"."status" = 'running';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_tenant_created_idx" ON "webhook_deliveries" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_outbox_idx" ON "webhook_deliveries" USING btree ("outbox_id");--> statement-breakpoint
CREATE UNIQUE INDEX "immersio_integrations_org_live_uq" ON "immersio_integrations" USING btree ("immersio_org_id") WHERE "immersio_integrations"."disconnected_at" is null;