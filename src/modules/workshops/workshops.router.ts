import { router } from '../../trpc/init.ts';
import { createWorkshop } from './procedures/create-workshop.ts';

export const workshopRouter = router({ create: createWorkshop });
