ALTER TABLE "landing_pages" ADD COLUMN "template_id" text DEFAULT 'education' NOT NULL;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "primary_color" text DEFAULT '#0066FF' NOT NULL;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "secondary_color" text;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "hero_image_url" text;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "page_title" text;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "page_subtitle" text;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "teacher_bio" text;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "teacher_avatar_url" text;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "social_links" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "cta_text" text DEFAULT 'Book Now' NOT NULL;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "meta_title" text;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "meta_description" text;