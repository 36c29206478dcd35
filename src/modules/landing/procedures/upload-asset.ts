import { adminMutation } from '../../../trpc/procedures.ts';
import { uploadAssetInput, uploadAssetOutput } from './upload-asset.schema.ts';

export const uploadAsset = adminMutation({
  input: uploadAssetInput,
  output: uploadAssetOutput,
  rateLimit: 'upload',
  resolve: ({ ctx, input }) =>
    ctx.container.assets.upload({ tenantId: ctx.tenant.id, assetType: input.assetType, bytes: input.bytes }),
});
