ALTER TABLE "sessions" ADD COLUMN "sso_tenant_id" integer;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "sso_role" text;