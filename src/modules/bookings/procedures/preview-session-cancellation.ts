import { tenantQuery } from '../../../trpc/procedures.ts';
import { previewSessionCancellation as previewUseCase } from '../preview-session-cancellation.ts';
import {
  previewSessionCancellationInput,
  previewSessionCancellationOutput,
} from './preview-session-cancellation.schema.ts';

/** Beyond the spec: who `cancelSession` would refund how much; for whoever may cancel the session. */
export const previewSessionCancellation = tenantQuery({
  input: previewSessionCancellationInput,
  output: previewSessionCancellationOutput,
  resolve: ({ ctx, input }) =>
    previewUseCase(
      { db: ctx.container.db },
      { tenantId: ctx.tenant.id, userId: ctx.viewer.userId, role: ctx.tenant.role },
      input,
    ),
});
