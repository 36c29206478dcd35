import { COOKIE_PREFIX, SESSION_COOKIE } from './auth.ts';

const COOKIE_NAMES = [`${COOKIE_PREFIX}.${SESSION_COOKIE}`, `__Secure-${COOKIE_PREFIX}.${SESSION_COOKIE}`];

export interface Credential {
  via: 'bearer' | 'cookie';
  /** The raw header value, used both to ask better-auth and as the cache key. */
  value: string;
}

/** Finds the session credential in a request: `Authorization: Bearer` first, then the cookie. */
export function extractCredential(headers: {
  authorization?: string | undefined;
  cookie?: string | undefined;
}): Credential | null {
  const auth = headers.authorization;
  if (auth && auth.length > 7 && auth.slice(0, 7).toLowerCase() === 'bearer ') {
    return { via: 'bearer', value: auth.slice(7).trim() };
  }
  const cookie = headers.cookie;
  if (!cookie) return null;
  for (const name of COOKIE_NAMES) {
    const value = readCookie(cookie, name);
    if (value) return { via: 'cookie', value: `${name}=${value}` };
  }
  return null;
}

function readCookie(header: string, name: string): string | undefined {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function credentialHeaders(credential: Credential): Headers {
  return credential.via === 'bearer'
    ? new Headers({ authorization: `Bearer ${credential.value}` })
    : new Headers({ cookie: credential.value });
}
