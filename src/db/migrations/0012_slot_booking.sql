ALTER TABLE "workshop_sessions" ADD COLUMN "teacher_id" integer;--> statement-breakpoint
ALTER TABLE "workshop_sessions" ADD COLUMN "busy_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workshop_sessions" ADD COLUMN "busy_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workshop_sessions" ADD COLUMN "teacher_busy" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "booking_mode" text DEFAULT 'fixed' NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "schedule_id" integer;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "slot_interval_minutes" integer;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "buffer_before_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "buffer_after_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "minimum_notice_minutes" integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "booking_horizon_days" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "max_bookings_per_day" integer;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_schedule_id_availability_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."availability_schedules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workshop_sessions_tenant_teacher_busy_idx" ON "workshop_sessions" USING btree ("tenant_id","teacher_id","busy_from");--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_booking_mode" CHECK ("workshops"."booking_mode" in ('fixed', 'slots'));--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_slot_settings" CHECK ("workshops"."buffer_before_minutes" between 0 and 480 and "workshops"."buffer_after_minutes" between 0 and 480
        and "workshops"."minimum_notice_minutes" between 0 and 525600 and "workshops"."booking_horizon_days" between 1 and 730
        and ("workshops"."slot_interval_minutes" is null or "workshops"."slot_interval_minutes" between 5 and 480)
        and ("workshops"."max_bookings_per_day" is null or "workshops"."max_bookings_per_day" between 1 and 100));
--> statement-breakpoint
-- Existing sessions: their teacher, busy for exactly their own time (no workshop had buffers).
UPDATE workshop_sessions s SET teacher_id = et.teacher_id, busy_from = s.start_time, busy_until = s.end_time
FROM workshops w JOIN event_types et ON et.id = w.event_type_id
WHERE w.id = s.workshop_id;
--> statement-breakpoint
ALTER TABLE "workshop_sessions" ADD CONSTRAINT "workshop_sessions_busy_filled" CHECK ("workshop_sessions"."teacher_id" is not null and "workshop_sessions"."busy_from" is not null and "workshop_sessions"."busy_until" is not null);
--> statement-breakpoint
-- Booked sessions that already overlap another of the same teacher stay as they are, outside the
-- constraint (their students were accepted); every later one is checked.
UPDATE workshop_sessions s SET teacher_busy = false
WHERE s.status = 'scheduled' AND s.booked_seats > 0 AND EXISTS (
  SELECT 1 FROM workshop_sessions o
  WHERE o.tenant_id = s.tenant_id AND o.teacher_id = s.teacher_id AND o.id < s.id
    AND o.status = 'scheduled' AND o.booked_seats > 0
    AND tstzrange(o.busy_from, o.busy_until, '[)') && tstzrange(s.busy_from, s.busy_until, '[)'));
--> statement-breakpoint
-- The teacher and busy time come from the workshop, whoever inserts the session (staff, a slot
-- booking, the seed), and follow a move of the session.
CREATE OR REPLACE FUNCTION workshop_sessions_fill_busy() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  w record;
BEGIN
  SELECT et.teacher_id, wk.buffer_before_minutes AS before_min, wk.buffer_after_minutes AS after_min INTO w
  FROM workshops wk JOIN event_types et ON et.id = wk.event_type_id
  WHERE wk.id = NEW.workshop_id;
  NEW.teacher_id := w.teacher_id;
  NEW.busy_from := NEW.start_time - make_interval(mins => w.before_min);
  NEW.busy_until := NEW.end_time + make_interval(mins => w.after_min);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER workshop_sessions_fill_busy BEFORE INSERT OR UPDATE OF start_time, end_time, workshop_id
ON workshop_sessions FOR EACH ROW EXECUTE FUNCTION workshop_sessions_fill_busy();
--> statement-breakpoint
-- A workshop handed to another teacher takes its sessions with it (and is refused by the
-- constraint below if the new teacher is busy then).
CREATE OR REPLACE FUNCTION event_types_teacher_moves_sessions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE workshop_sessions s SET teacher_id = NEW.teacher_id
  FROM workshops w WHERE w.event_type_id = NEW.id AND s.workshop_id = w.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_types_teacher_moves_sessions AFTER UPDATE OF teacher_id ON event_types
FOR EACH ROW WHEN (OLD.teacher_id IS DISTINCT FROM NEW.teacher_id)
EXECUTE FUNCTION event_types_teacher_moves_sessions();
--> statement-breakpoint
-- New buffers apply to the workshop's sessions that have not started.
CREATE OR REPLACE FUNCTION workshops_buffers_move_sessions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE workshop_sessions SET
    busy_from = start_time - make_interval(mins => NEW.buffer_before_minutes),
    busy_until = end_time + make_interval(mins => NEW.buffer_after_minutes)
  WHERE workshop_id = NEW.id AND start_time > now();
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER workshops_buffers_move_sessions AFTER UPDATE OF buffer_before_minutes, buffer_after_minutes ON workshops
FOR EACH ROW WHEN (OLD.buffer_before_minutes IS DISTINCT FROM NEW.buffer_before_minutes
  OR OLD.buffer_after_minutes IS DISTINCT FROM NEW.buffer_after_minutes)
EXECUTE FUNCTION workshops_buffers_move_sessions();
--> statement-breakpoint
-- A teacher is never in two booked sessions at once: whichever statement books the second seat
-- of the teacher's time (two instances racing for one slot, a fixed class overlapping a slot
-- booking) fails with 23P01, answered as 409 TEACHER_UNAVAILABLE or NO_SEATS_AVAILABLE.
ALTER TABLE workshop_sessions ADD CONSTRAINT workshop_sessions_teacher_busy
  EXCLUDE USING gist (tenant_id WITH =, teacher_id WITH =, tstzrange(busy_from, busy_until, '[)') WITH &&)
  WHERE (status = 'scheduled' AND booked_seats > 0 AND teacher_busy);
