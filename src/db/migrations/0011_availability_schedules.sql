CREATE TABLE "availability_schedules" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"teacher_id" integer NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"weekly_hours" jsonb NOT NULL,
	"overrides" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "availability_schedules_name_len" CHECK (char_length("availability_schedules"."name") between 1 and 100),
	CONSTRAINT "availability_schedules_weekly_hours_object" CHECK (jsonb_typeof("availability_schedules"."weekly_hours") = 'object'),
	CONSTRAINT "availability_schedules_overrides_array" CHECK (jsonb_typeof("availability_schedules"."overrides") = 'array')
);
--> statement-breakpoint
ALTER TABLE "availability_schedules" ADD CONSTRAINT "availability_schedules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_schedules" ADD CONSTRAINT "availability_schedules_membership_fk" FOREIGN KEY ("tenant_id","teacher_id") REFERENCES "public"."memberships"("tenant_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "availability_schedules_default_uq" ON "availability_schedules" USING btree ("tenant_id","teacher_id") WHERE "availability_schedules"."is_default";--> statement-breakpoint
CREATE INDEX "availability_schedules_tenant_teacher_idx" ON "availability_schedules" USING btree ("tenant_id","teacher_id");--> statement-breakpoint
-- Not used yet: the teacher-busy exclusion constraint of issue 14 (gist over teacher id and time
-- range) needs btree_gist. PGlite loads the contrib module in src/db/client.ts.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- At most 20 schedules per teacher and tenant, decided in the inserting statement: the teacher's
-- membership row is locked first, so concurrent inserts for one teacher run one after another, and
-- the count (a statement of a volatile PL/pgSQL function, so a fresh snapshot under READ COMMITTED)
-- sees every schedule committed by whoever held the lock before. `for no key update` leaves the
-- foreign-key checks (key share) unblocked. availability.repo.ts maps the error to 409 CONFLICT.
CREATE OR REPLACE FUNCTION availability_schedules_cap() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  used integer;
BEGIN
  PERFORM 1 FROM memberships WHERE tenant_id = NEW.tenant_id AND user_id = NEW.teacher_id FOR NO KEY UPDATE;
  SELECT count(*)::int INTO used FROM availability_schedules
  WHERE tenant_id = NEW.tenant_id AND teacher_id = NEW.teacher_id;
  IF used >= 20 THEN
    RAISE EXCEPTION 'A teacher has at most 20 availability schedules'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'availability_schedules_per_teacher_cap';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER availability_schedules_cap BEFORE INSERT ON availability_schedules
FOR EACH ROW EXECUTE FUNCTION availability_schedules_cap();
--> statement-breakpoint
-- A member's default schedule: Monday to Friday, 09:00-17:00 (defaultWeeklyHours() in
-- src/modules/availability/schedule-shape.schema.ts), in the member's own zone, or the school's
-- while the member's is still the column default UTC (never chosen). Nothing when they have one.
CREATE OR REPLACE FUNCTION availability_insert_default(p_tenant_id integer, p_user_id integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO availability_schedules (tenant_id, teacher_id, name, time_zone, weekly_hours, overrides, is_default)
  SELECT t.id, u.id, 'Working hours', COALESCE(NULLIF(NULLIF(u.time_zone, ''), 'UTC'), t.time_zone),
    '{"monday":[{"start":"09:00","end":"17:00"}],"tuesday":[{"start":"09:00","end":"17:00"}],"wednesday":[{"start":"09:00","end":"17:00"}],"thursday":[{"start":"09:00","end":"17:00"}],"friday":[{"start":"09:00","end":"17:00"}],"saturday":[],"sunday":[]}'::jsonb,
    '[]'::jsonb, true
  FROM tenants t, users u
  WHERE t.id = p_tenant_id AND u.id = p_user_id
  ON CONFLICT (tenant_id, teacher_id) WHERE is_default DO NOTHING;
$$;
--> statement-breakpoint
-- Every way a member is added (sign-up, invitation, SSO, provisioning, seed) inserts a membership
-- row, so the default schedule is made here, in the same transaction, with no code in those domains.
CREATE OR REPLACE FUNCTION memberships_default_availability() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM availability_insert_default(NEW.tenant_id, NEW.user_id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_default_availability AFTER INSERT ON memberships
FOR EACH ROW EXECUTE FUNCTION memberships_default_availability();
--> statement-breakpoint
-- Existing members get theirs now.
SELECT availability_insert_default(tenant_id, user_id) FROM memberships ORDER BY id;
