import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../trpc.ts';

type Tenant = inferRouterOutputs<AppRouter>['immersio']['tenant'];

export type Member = Tenant['listMembers']['members'][number];
export type Invite = Tenant['listInvites']['invites'][number];
export type UpcomingClass = Tenant['memberClasses']['classes'][number];
