-- Issue 17 follow-up: "this offset is already past" is judged against the later of the row's
-- updated_at (the app's clock, which tests move forward) and the database's now(). A write that
-- confirms or moves a booking without bumping updated_at would otherwise compare against a stale
-- instant and plan a reminder that is already late.
CREATE OR REPLACE FUNCTION booking_reminders_plan() RETURNS trigger
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  INSERT INTO outbox (kind, tenant_id, payload, next_attempt_at)
  SELECT 'booking.reminder', NEW.tenant_id,
         jsonb_build_object('bookingId', NEW.id, 'offsetMinutes', m,
           'startTimeMs', (extract(epoch from NEW.start_time) * 1000)::bigint),
         NEW.start_time - make_interval(mins => m)
  FROM workshops w, unnest(w.reminder_minutes_before) AS m
  WHERE w.id = NEW.workshop_id
    AND NEW.start_time - make_interval(mins => m) > greatest(NEW.updated_at, now());
  RETURN NULL;
END;
$$;
