import { AppError } from '../../../lib/errors.ts';
import type { TrpcContext } from '../../../trpc/init.ts';
import { credentialHeaders } from '../../auth/credentials.ts';

/** better-auth's own session endpoints are asked with the request's credential, as the browser sent it. */
export function sessionHeaders(ctx: TrpcContext): Headers {
  if (!ctx.request.credential) throw new AppError('UNAUTHORIZED');
  return credentialHeaders(ctx.request.credential);
}
