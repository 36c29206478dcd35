CREATE TYPE "public"."waitlist_status" AS ENUM('waiting', 'offered', 'claimed', 'expired', 'left');--> statement-breakpoint
CREATE TABLE "waitlist_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"tenant_id" integer NOT NULL,
	"workshop_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"position" bigserial NOT NULL,
	"status" "waitlist_status" DEFAULT 'waiting' NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"immersio_student_id" text,
	"booking_id" integer,
	"offered_by" text,
	"offered_at" timestamp with time zone,
	"offer_expires_at" timestamp with time zone,
	"left_by" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waitlist_entries_uid_unique" UNIQUE("uid"),
	CONSTRAINT "waitlist_entries_booking_id_unique" UNIQUE("booking_id"),
	CONSTRAINT "waitlist_entries_offer" CHECK (("waitlist_entries"."status" = 'waiting' and "waitlist_entries"."booking_id" is null)
        or ("waitlist_entries"."status" in ('offered', 'claimed') and "waitlist_entries"."booking_id" is not null and "waitlist_entries"."offer_expires_at" is not null)
        or "waitlist_entries"."status" in ('expired', 'left'))
);
--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_session_id_workshop_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."workshop_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_entries_session_position_uq" ON "waitlist_entries" USING btree ("session_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_entries_session_email_live_uq" ON "waitlist_entries" USING btree ("session_id","email") WHERE "waitlist_entries"."status" in ('waiting', 'offered');--> statement-breakpoint
CREATE INDEX "waitlist_entries_waiting_idx" ON "waitlist_entries" USING btree ("session_id","position") WHERE "waitlist_entries"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "waitlist_entries_tenant_status_idx" ON "waitlist_entries" USING btree ("tenant_id","status");