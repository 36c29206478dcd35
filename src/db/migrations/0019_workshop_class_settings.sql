ALTER TABLE "workshops" ADD COLUMN "waitlist_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "waitlist_offer_minutes" integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "enrolment" text DEFAULT 'both' NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "course_price_cents" integer;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_class_settings" CHECK ("workshops"."waitlist_offer_minutes" between 5 and 10080 and "workshops"."enrolment" in ('session', 'course', 'both')
        and ("workshops"."course_price_cents" is null or "workshops"."course_price_cents" between 0 and 100000000));