CREATE TABLE "booking_reminders" (
	"booking_id" integer NOT NULL,
	"offset_minutes" integer NOT NULL,
	"start_time" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "booking_reminders_booking_id_offset_minutes_start_time_pk" PRIMARY KEY("booking_id","offset_minutes","start_time")
);
--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "reminder_minutes_before" integer[] DEFAULT '{1440,60}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_reminders" ADD CONSTRAINT "booking_reminders_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Reminders (issue 17) are planned wherever a booking becomes confirmed or changes its time (a free
-- booking, a paid checkout, a waitlist claim, an enrolment, a reschedule, a moved session): one
-- `booking.reminder` outbox row per offset of the workshop, due at start - offset. An offset already
-- past when the booking was confirmed or moved (updated_at, the app's clock) gets no late reminder.
-- The handler re-checks the booking when it is due (still accepted, still at this start).
CREATE OR REPLACE FUNCTION booking_reminders_plan() RETURNS trigger
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  INSERT INTO outbox (kind, tenant_id, payload, next_attempt_at)
  SELECT 'booking.reminder', NEW.tenant_id,
         jsonb_build_object('bookingId', NEW.id, 'offsetMinutes', m,
           'startTimeMs', (extract(epoch from NEW.start_time) * 1000)::bigint),
         NEW.start_time - make_interval(mins => m)
  FROM workshops w, unnest(w.reminder_minutes_before) AS m
  WHERE w.id = NEW.workshop_id AND NEW.start_time - make_interval(mins => m) > NEW.updated_at;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER booking_reminders_on_insert AFTER INSERT ON bookings
FOR EACH ROW
WHEN (NEW.status = 'accepted')
EXECUTE FUNCTION booking_reminders_plan();
--> statement-breakpoint
CREATE TRIGGER booking_reminders_on_change AFTER UPDATE OF status, start_time ON bookings
FOR EACH ROW
WHEN (NEW.status = 'accepted' AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.start_time IS DISTINCT FROM NEW.start_time))
EXECUTE FUNCTION booking_reminders_plan();
