import { z } from 'zod';

// The invite API's inputs, shared by the routes and the OpenAPI document.

export const acceptBody = z.object({
  name: z.string().trim().min(1).max(200),
  password: z.string().min(8, 'must be at least 8 characters').max(256),
});
export const tokenParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'is not an invite token'),
});
