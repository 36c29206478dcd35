import { router } from '../../trpc/init.ts';
import { me } from './procedures/me.ts';
import { switchTenant } from './procedures/switch-tenant.ts';

export const viewerRouter = router({ me, switchTenant });
