import { router } from '../../trpc/init.ts';
import { getSettings } from './procedures/get-settings.ts';
import { publish } from './procedures/publish.ts';
import { updateSettings } from './procedures/update-settings.ts';

export const landingRouter = router({ getSettings, updateSettings, publish });
