-- Issue 17, part 3: staff mark an accepted booking attended or no-show from its start (docs/decisions.md).
CREATE TYPE "public"."booking_attendance" AS ENUM('attended', 'no_show');--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "attendance" "booking_attendance";--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "attendance_marked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "attendance_marked_by" integer;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_attendance_marked_by_users_id_fk" FOREIGN KEY ("attendance_marked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;