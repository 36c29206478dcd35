import { router } from '../../trpc/init.ts';
import {
  getCustomDomain,
  setCustomDomain,
  verifyCustomDomain,
} from './custom-domain/procedures/custom-domain.ts';
import { getSettings } from './procedures/get-settings.ts';
import { publish } from './procedures/publish.ts';
import { unpublish } from './procedures/unpublish.ts';
import { updateSettings } from './procedures/update-settings.ts';
import { uploadAsset } from './procedures/upload-asset.ts';

export const landingRouter = router({
  getSettings,
  updateSettings,
  publish,
  unpublish,
  uploadAsset,
  getCustomDomain,
  setCustomDomain,
  verifyCustomDomain,
});
