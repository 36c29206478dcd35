CREATE INDEX "bookings_session_idx" ON "bookings" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "bookings_tenant_start_idx" ON "bookings" USING btree ("tenant_id","start_time");--> statement-breakpoint
CREATE INDEX "bookings_tenant_status_idx" ON "bookings" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "event_types_tenant_teacher_idx" ON "event_types" USING btree ("tenant_id","teacher_id");--> statement-breakpoint
CREATE INDEX "workshop_sessions_tenant_start_idx" ON "workshop_sessions" USING btree ("tenant_id","start_time");--> statement-breakpoint
CREATE INDEX "verifications_identifier_idx" ON "verifications" USING btree ("identifier");