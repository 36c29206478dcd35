-- A capped plan's monthly allowance is checked inside the one statement that takes the seat
-- (bookings.repo reserveSeat), so the tenant row is locked only while the database runs that
-- statement and commits, never across round trips to the service. The lock serialises the
-- tenant's bookings; the count runs after it is granted and, being a statement of a volatile
-- PL/pgSQL function under READ COMMITTED, with a fresh snapshot: it sees every booking committed
-- by whoever held the lock before. `for no key update` leaves foreign-key checks unblocked.
CREATE OR REPLACE FUNCTION booking_allowance_used(p_tenant_id integer, p_since timestamptz)
RETURNS integer
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  used integer;
BEGIN
  PERFORM 1 FROM tenants WHERE id = p_tenant_id FOR NO KEY UPDATE;
  SELECT count(*)::int INTO used FROM bookings
  WHERE tenant_id = p_tenant_id AND created_at >= p_since
    AND status IN ('pending', 'accepted', 'cancelled');
  RETURN used;
END;
$$;
--> statement-breakpoint
-- A statement-level trigger fires even when its INSERT wrote no row, and every NOTIFY makes the
-- commit take PostgreSQL's cluster-wide notification lock and wakes every outbox worker: a
-- refused booking (its statement carries an empty outbox insert) did both. Wake only for rows.
CREATE OR REPLACE FUNCTION outbox_notify_wake() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM inserted) THEN
    PERFORM pg_notify('outbox_wake', '');
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS outbox_notify_wake ON outbox;
--> statement-breakpoint
CREATE TRIGGER outbox_notify_wake AFTER INSERT ON outbox
REFERENCING NEW TABLE AS inserted
FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify_wake();
