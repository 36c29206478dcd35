import { z } from 'zod';
import { MAX_REDIRECT_URL_LENGTH } from './sso-state.ts';

// "Sign in with Immersio" inputs, shared by the routes and the OpenAPI document.

export const callbackBody = z.object({
  token: z
    .string()
    .min(1)
    .max(16 * 1024),
  redirectUrl: z.string().min(1).max(MAX_REDIRECT_URL_LENGTH),
});
export const startQuery = z.object({
  tenantSlug: z.string().trim().min(1).max(63),
  redirectUrl: z.string().min(1).max(MAX_REDIRECT_URL_LENGTH).optional(),
});
export const returnQuery = z.object({
  token: z
    .string()
    .max(16 * 1024)
    .optional(),
  state: z.string().max(4096).optional(),
});
