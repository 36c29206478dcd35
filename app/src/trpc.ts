import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, type TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import superjson from 'superjson';
import type { AppRouter } from '../../src/trpc/router.ts';

export type { AppRouter };

/** React bindings over the service's own router type: no hand-written fetch wrappers or DTOs. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function makeTrpcClient() {
  return createTRPCClient<AppRouter>({
    // The session is better-auth's same-origin cookie, sent by the browser: no token in storage.
    links: [httpBatchLink({ url: '/api/trpc', transformer: superjson, maxItems: 20 })],
  });
}

export type AppClientError = TRPCClientError<AppRouter>;

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        // A 4xx will not change by asking again; a network blip might.
        retry: (count, error) => {
          const status = (error as AppClientError).data?.httpStatus;
          return count < 2 && (status === undefined || status >= 500);
        },
      },
    },
  });
}
