import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../trpc.ts';

type Integration = inferRouterOutputs<AppRouter>['immersio']['integration'];

export type Connection = NonNullable<Integration['getConnection']['connection']>;
export type SyncLog = Integration['getSyncHistory']['logs'][number];
export type Course = Integration['listCourses']['courses'][number];
export type WebhookMessage = Integration['listDeliveries']['items'][number];
export type ConnectResult = Integration['connect'];
