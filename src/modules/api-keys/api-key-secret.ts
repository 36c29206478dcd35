import { randomBytes } from 'node:crypto';
import { hashToken } from '../../lib/tokens.ts';

export const API_KEY_PREFIX = 'ibs_';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// 43 base62 characters carry 256 bits; base62 so that a double-click selects the whole key.
const SECRET_LENGTH = 43;
/** What lists show of a key: enough to tell keys apart, far too little to guess the rest. */
const SHOWN_LENGTH = API_KEY_PREFIX.length + 8;

export function newApiKey(): { key: string; prefix: string; hash: string } {
  let secret = '';
  while (secret.length < SECRET_LENGTH) {
    for (const byte of randomBytes(64)) {
      // 248 = 4 × 62: bytes above it are skipped so every character is equally likely.
      if (byte < 248 && secret.length < SECRET_LENGTH) secret += ALPHABET[byte % 62];
    }
  }
  const key = `${API_KEY_PREFIX}${secret}`;
  return { key, prefix: key.slice(0, SHOWN_LENGTH), hash: hashApiKey(key) };
}

/** The stored form. SHA-256 is enough for 256 random bits, and it is looked up by equality. */
export function hashApiKey(key: string): string {
  return hashToken(key);
}

/** Whether a bearer credential is meant as an API key (a session token never has this shape). */
export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX);
}
