CREATE TABLE "calendar_feed_tokens" (
	"tenant_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"scope" text NOT NULL,
	"nonce" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feed_tokens_tenant_id_user_id_scope_pk" PRIMARY KEY("tenant_id","user_id","scope"),
	CONSTRAINT "calendar_feed_tokens_tenant_hash_uq" UNIQUE("tenant_id","token_hash"),
	CONSTRAINT "calendar_feed_tokens_scope" CHECK ("calendar_feed_tokens"."scope" in ('teacher', 'school'))
);
--> statement-breakpoint
ALTER TABLE "workshop_sessions" ADD COLUMN "sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "workshop_sessions" ADD COLUMN "changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feed_tokens" ADD CONSTRAINT "calendar_feed_tokens_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feed_tokens" ADD CONSTRAINT "calendar_feed_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_feed_tokens_hash_idx" ON "calendar_feed_tokens" USING btree ("token_hash");--> statement-breakpoint
-- Sessions that existed before: their feed events date from their creation.
UPDATE "workshop_sessions" SET "changed_at" = "created_at";--> statement-breakpoint
-- Every writer that moves, re-times or cancels a session bumps its SEQUENCE (RFC 5545: a
-- calendar applies an update only with a higher one); seat counts changing are not a revision.
CREATE FUNCTION workshop_sessions_revise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.start_time IS DISTINCT FROM OLD.start_time
     OR NEW.end_time IS DISTINCT FROM OLD.end_time
     OR NEW.status IS DISTINCT FROM OLD.status THEN
    NEW.sequence := OLD.sequence + 1;
    NEW.changed_at := now();
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER workshop_sessions_revise BEFORE UPDATE ON "workshop_sessions"
  FOR EACH ROW EXECUTE FUNCTION workshop_sessions_revise();
