-- A workshop had no rule against two live sessions at one start (addSessions skipped repeats in
-- code). Repeats nobody booked are removed so the unique index below can be built; the lowest id
-- of each start stays.
DELETE FROM "workshop_sessions" s
USING "workshop_sessions" k
WHERE s."workshop_id" = k."workshop_id" AND s."start_time" = k."start_time"
  AND s."status" = 'scheduled' AND k."status" = 'scheduled' AND s."id" > k."id"
  AND s."booked_seats" = 0
  AND NOT EXISTS (SELECT 1 FROM "bookings" b WHERE b."session_id" = s."id");--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_sessions_workshop_start_live_uq" ON "workshop_sessions" USING btree ("workshop_id","start_time") WHERE "workshop_sessions"."status" = 'scheduled';
