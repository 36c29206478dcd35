import { z } from 'zod';

export const API_KEY_NAME_MAX = 100;

export const createApiKeyInput = z.object({
  /** What the key is for ("Immersio backend", "Nightly export"), shown in the list. */
  name: z.string().trim().min(1, 'must not be empty').max(API_KEY_NAME_MAX),
  /** When the key stops working by itself; none = until revoked. Must be in the future. */
  expiresAt: z.date().nullable().optional(),
});

export const createApiKeyOutput = z.object({
  id: z.number(),
  /** The key itself, in this answer only: it is stored hashed and never shown again. */
  key: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
});
