CREATE TYPE "public"."class_pass_status" AS ENUM('active', 'archived');--> statement-breakpoint
CREATE TYPE "public"."pass_credit_kind" AS ENUM('purchase', 'booking', 'booking_return', 'adjustment');--> statement-breakpoint
CREATE TYPE "public"."student_pass_status" AS ENUM('pending', 'active', 'unpaid');--> statement-breakpoint
CREATE TABLE "class_passes" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"name" text NOT NULL,
	"classes" integer NOT NULL,
	"price_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"valid_days" integer NOT NULL,
	"workshop_ids" integer[],
	"status" "class_pass_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "class_passes_values" CHECK ("class_passes"."classes" between 1 and 1000 and "class_passes"."price_cents" > 0 and "class_passes"."valid_days" between 1 and 3650)
);
--> statement-breakpoint
CREATE TABLE "pass_credit_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"student_pass_id" integer NOT NULL,
	"kind" "pass_credit_kind" NOT NULL,
	"delta" integer NOT NULL,
	"balance_after" integer NOT NULL,
	"reason" text,
	"booking_id" integer,
	"actor_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pass_credit_entries_delta" CHECK ("pass_credit_entries"."delta" <> 0 and "pass_credit_entries"."balance_after" >= 0)
);
--> statement-breakpoint
CREATE TABLE "student_passes" (
	"id" serial PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"tenant_id" integer NOT NULL,
	"pass_id" integer NOT NULL,
	"name" text NOT NULL,
	"classes" integer NOT NULL,
	"valid_days" integer NOT NULL,
	"workshop_ids" integer[],
	"buyer_name" text NOT NULL,
	"buyer_email" text NOT NULL,
	"immersio_student_id" text,
	"status" "student_pass_status" DEFAULT 'pending' NOT NULL,
	"credits_remaining" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone,
	"amount_cents" integer NOT NULL,
	"fee_cents" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"stripe_checkout_session_id" text,
	"checkout_url" text,
	"checkout_expires_at" timestamp with time zone,
	"stripe_payment_id" text,
	"stripe_customer_id" text,
	"stripe_account_id" text,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "student_passes_uid_unique" UNIQUE("uid"),
	CONSTRAINT "student_passes_stripe_checkout_session_id_unique" UNIQUE("stripe_checkout_session_id"),
	CONSTRAINT "student_passes_credits" CHECK ("student_passes"."credits_remaining" >= 0)
);
--> statement-breakpoint
ALTER TABLE "class_passes" ADD CONSTRAINT "class_passes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_credit_entries" ADD CONSTRAINT "pass_credit_entries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_credit_entries" ADD CONSTRAINT "pass_credit_entries_student_pass_id_student_passes_id_fk" FOREIGN KEY ("student_pass_id") REFERENCES "public"."student_passes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_credit_entries" ADD CONSTRAINT "pass_credit_entries_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_credit_entries" ADD CONSTRAINT "pass_credit_entries_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_passes" ADD CONSTRAINT "student_passes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_passes" ADD CONSTRAINT "student_passes_pass_id_class_passes_id_fk" FOREIGN KEY ("pass_id") REFERENCES "public"."class_passes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "class_passes_tenant_idx" ON "class_passes" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "pass_credit_entries_pass_idx" ON "pass_credit_entries" USING btree ("student_pass_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "pass_credit_entries_booking_uq" ON "pass_credit_entries" USING btree ("booking_id","kind") WHERE "pass_credit_entries"."booking_id" is not null;--> statement-breakpoint
CREATE INDEX "student_passes_email_idx" ON "student_passes" USING btree ("tenant_id","buyer_email","expires_at") WHERE "student_passes"."status" = 'active';--> statement-breakpoint
CREATE INDEX "student_passes_student_idx" ON "student_passes" USING btree ("tenant_id","immersio_student_id") WHERE "student_passes"."status" = 'active' and "student_passes"."immersio_student_id" is not null;--> statement-breakpoint
CREATE INDEX "student_passes_tenant_created_idx" ON "student_passes" USING btree ("tenant_id","created_at");