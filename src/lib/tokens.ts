import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits, URL-safe: for invite links and other single-use secrets. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What gets stored instead of the token itself. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
