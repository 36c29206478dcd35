CREATE TABLE "landing_assets" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"asset_type" text NOT NULL,
	"asset_id" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "landing_assets" ADD CONSTRAINT "landing_assets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "landing_assets_tenant_type_asset_key" ON "landing_assets" USING btree ("tenant_id","asset_type","asset_id");--> statement-breakpoint
CREATE INDEX "landing_assets_asset_id_idx" ON "landing_assets" USING btree ("asset_id");