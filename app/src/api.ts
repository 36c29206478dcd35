import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { type AppRouter, makeQueryClient, makeTrpcClient } from './trpc.ts';

/**
 * The data layer (TanStack Query + tRPC), created once and loaded only by screens behind a
 * session: the sign-in screen's JavaScript stays small without it.
 */
export const queryClient = makeQueryClient();
export const trpcClient = makeTrpcClient();
export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

export type Api = { queryClient: typeof queryClient; trpc: typeof trpc };
