-- Wake every outbox worker when messages are committed: a statement-level trigger sends one
-- NOTIFY per inserting statement; PostgreSQL delivers it to listeners only when (and if) the
-- transaction commits, and folds identical notifications of one transaction into one.
CREATE OR REPLACE FUNCTION outbox_notify_wake() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox_wake', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER outbox_notify_wake AFTER INSERT ON outbox
FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify_wake();
