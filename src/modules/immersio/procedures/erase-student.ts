import { adminMutation } from '../../../trpc/procedures.ts';
import { eraseStudentOutput, privacyRequestInput } from './privacy.schema.ts';

export const eraseStudent = adminMutation({
  input: privacyRequestInput,
  output: eraseStudentOutput,
  apiKeys: false,
  resolve: ({ ctx, input }) =>
    ctx.container.privacy.eraseStudent({
      tenantId: ctx.tenant.id,
      actor: String(ctx.viewer.userId),
      email: input.email,
    }),
});
