CREATE TABLE "teacher_digests" (
	"tenant_id" integer NOT NULL,
	"teacher_id" integer NOT NULL,
	"local_date" date NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teacher_digests_tenant_id_teacher_id_local_date_pk" PRIMARY KEY("tenant_id","teacher_id","local_date")
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "daily_digest" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "teacher_digests" ADD CONSTRAINT "teacher_digests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_digests" ADD CONSTRAINT "teacher_digests_teacher_id_users_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workshop_sessions_live_start_idx" ON "workshop_sessions" USING btree ("start_time") WHERE "workshop_sessions"."status" = 'scheduled';