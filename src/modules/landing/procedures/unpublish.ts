import { adminMutation } from '../../../trpc/procedures.ts';
import { unpublishLanding } from '../unpublish-landing.ts';
import { unpublishInput, unpublishOutput } from './unpublish.schema.ts';

/** Beyond the spec: `publish`'s counterpart, for the staff app's landing editor. */
export const unpublish = adminMutation({
  input: unpublishInput,
  output: unpublishOutput,
  resolve: ({ ctx }) =>
    unpublishLanding(
      { db: ctx.container.db, bus: ctx.container.bus, now: ctx.container.now },
      { tenantId: ctx.tenant.id },
    ),
});
