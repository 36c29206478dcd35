DROP INDEX "refunds_payment_live_uq";--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "series_uid" text;--> statement-breakpoint
CREATE INDEX "bookings_series_idx" ON "bookings" USING btree ("tenant_id","series_uid") WHERE "bookings"."series_uid" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_payment_booking_live_uq" ON "refunds" USING btree ("payment_id","booking_id") WHERE "refunds"."status" in ('pending', 'succeeded');