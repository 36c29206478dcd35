import { authedMutation } from '../../../trpc/procedures.ts';
import { updateProfile as updateProfileUseCase } from '../account-profile.ts';
import { updateProfileInput, updateProfileOutput } from './account.schema.ts';

export const updateProfile = authedMutation({
  input: updateProfileInput,
  output: updateProfileOutput,
  resolve: ({ ctx, input }) =>
    updateProfileUseCase(
      { db: ctx.container.db, bus: ctx.container.bus, now: ctx.container.now },
      { userId: ctx.viewer.userId, currentName: ctx.viewer.name, ...input },
    ),
});
