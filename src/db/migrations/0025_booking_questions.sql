ALTER TABLE "bookings" ADD COLUMN "answers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "questions" jsonb DEFAULT '[]'::jsonb NOT NULL;