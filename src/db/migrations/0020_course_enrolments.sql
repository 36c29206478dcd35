CREATE TABLE "enrolments" (
	"id" serial PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"tenant_id" integer NOT NULL,
	"workshop_id" integer NOT NULL,
	"attendee_email" text NOT NULL,
	"attendee_name" text NOT NULL,
	"attendee_time_zone" text NOT NULL,
	"immersio_student_id" text,
	"session_count" integer NOT NULL,
	"course_sessions" integer NOT NULL,
	"course_price_cents" integer,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"registration_source" text DEFAULT 'public' NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"cancellation_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrolments_uid_unique" UNIQUE("uid"),
	CONSTRAINT "enrolments_counts" CHECK ("enrolments"."session_count" between 1 and "enrolments"."course_sessions" and "enrolments"."amount_cents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enrolments_tenant_workshop_idx" ON "enrolments" USING btree ("tenant_id","workshop_id","created_at");