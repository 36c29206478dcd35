CREATE TABLE "external_busy_times" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"teacher_id" integer NOT NULL,
	"feed_id" integer NOT NULL,
	"start_time" timestamp with time zone NOT NULL,
	"end_time" timestamp with time zone NOT NULL,
	CONSTRAINT "external_busy_times_range" CHECK ("external_busy_times"."end_time" > "external_busy_times"."start_time")
);
--> statement-breakpoint
CREATE TABLE "teacher_calendar_feeds" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"teacher_id" integer NOT NULL,
	"url" text NOT NULL,
	"etag" text,
	"last_modified" text,
	"last_fetched_at" timestamp with time zone,
	"last_error" text,
	"expanded_until" timestamp with time zone,
	"next_fetch_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teacher_calendar_feeds_url_len" CHECK (char_length("teacher_calendar_feeds"."url") between 1 and 2048)
);
--> statement-breakpoint
ALTER TABLE "external_busy_times" ADD CONSTRAINT "external_busy_times_feed_id_teacher_calendar_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."teacher_calendar_feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_calendar_feeds" ADD CONSTRAINT "teacher_calendar_feeds_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_calendar_feeds" ADD CONSTRAINT "teacher_calendar_feeds_membership_fk" FOREIGN KEY ("tenant_id","teacher_id") REFERENCES "public"."memberships"("tenant_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "external_busy_times_teacher_start_idx" ON "external_busy_times" USING btree ("tenant_id","teacher_id","start_time");--> statement-breakpoint
CREATE INDEX "external_busy_times_feed_idx" ON "external_busy_times" USING btree ("feed_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teacher_calendar_feeds_teacher_uq" ON "teacher_calendar_feeds" USING btree ("tenant_id","teacher_id");--> statement-breakpoint
CREATE INDEX "teacher_calendar_feeds_next_fetch_idx" ON "teacher_calendar_feeds" USING btree ("next_fetch_at");