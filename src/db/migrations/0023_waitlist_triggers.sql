-- The waitlist follows the seats where they change, whichever code changes them (cancellations,
-- lapsed holds, failed checkouts, moved bookings, more seats): a session that gains a free seat
-- while someone waits queues the `waitlist.offer` outbox job (src/modules/bookings/waitlist/
-- waitlist-jobs.ts) in the same transaction. Its handler takes the seat for the first in line.
-- The check runs as its own statement of a volatile function, so under READ COMMITTED it sees every
-- entry committed before this row's lock was granted (joining takes that row `for share`).
CREATE OR REPLACE FUNCTION waitlist_seat_freed() RETURNS trigger
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM waitlist_entries e WHERE e.session_id = NEW.id AND e.status = 'waiting') THEN
    INSERT INTO outbox (kind, tenant_id, payload)
    VALUES ('waitlist.offer', NEW.tenant_id, jsonb_build_object('sessionId', NEW.id));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER waitlist_seat_freed AFTER UPDATE OF booked_seats, seats ON workshop_sessions
FOR EACH ROW
WHEN (NEW.status = 'scheduled' AND NEW.booked_seats < NEW.seats
      AND (NEW.booked_seats < OLD.booked_seats OR NEW.seats > OLD.seats))
EXECUTE FUNCTION waitlist_seat_freed();
--> statement-breakpoint
-- An offer's seat is a pending booking with registration_source 'waitlist': when it is confirmed
-- (a free claim, a paid checkout, even a late one) the entry is claimed; when it ends unconfirmed
-- (the offer lapsed, the checkout failed, staff cancelled it) the entry has expired.
CREATE OR REPLACE FUNCTION waitlist_booking_status() RETURNS trigger
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF NEW.status = 'accepted' THEN
    UPDATE waitlist_entries SET status = 'claimed', updated_at = now(), closed_at = coalesce(closed_at, now())
    WHERE booking_id = NEW.id AND status IN ('offered', 'expired');
  ELSIF OLD.status = 'pending' THEN
    UPDATE waitlist_entries SET status = 'expired', updated_at = now(), closed_at = now()
    WHERE booking_id = NEW.id AND status = 'offered';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER waitlist_booking_status AFTER UPDATE OF status ON bookings
FOR EACH ROW
WHEN (NEW.registration_source = 'waitlist' AND NEW.status IS DISTINCT FROM OLD.status)
EXECUTE FUNCTION waitlist_booking_status();
--> statement-breakpoint
-- A cancelled session closes its line (offered seats end with their bookings, above).
CREATE OR REPLACE FUNCTION waitlist_session_closed() RETURNS trigger
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  UPDATE waitlist_entries SET status = 'expired', updated_at = now(), closed_at = now()
  WHERE session_id = NEW.id AND status = 'waiting';
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER waitlist_session_closed AFTER UPDATE OF status ON workshop_sessions
FOR EACH ROW
WHEN (OLD.status = 'scheduled' AND NEW.status <> 'scheduled')
EXECUTE FUNCTION waitlist_session_closed();
--> statement-breakpoint
-- Turning a workshop's waitlist off closes the lines of its sessions: nobody waits for an offer
-- that will not come, and their places stop holding back freed seats from other bookers.
CREATE OR REPLACE FUNCTION waitlist_turned_off() RETURNS trigger
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  UPDATE waitlist_entries SET status = 'expired', updated_at = now(), closed_at = now()
  WHERE workshop_id = NEW.id AND status = 'waiting';
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER waitlist_turned_off AFTER UPDATE OF waitlist_enabled ON workshops
FOR EACH ROW
WHEN (OLD.waitlist_enabled AND NOT NEW.waitlist_enabled)
EXECUTE FUNCTION waitlist_turned_off();
