/** The SSO side's keys (published in the JWKS, rotatable) and the signed JWTs it issues. */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  type CryptoKey,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWK,
  SignJWT,
  UnsecuredJWT,
} from 'jose';
import { unixSeconds } from './ids-and-times.ts';
import type { SsoRole } from './org-types.ts';

const SSO_TOKEN_TTL_S = 300;

export type SsoAlg = 'RS256' | 'ES256' | 'HS256';

export interface SsoClaims {
  sub: string;
  email: string;
  name: string;
  orgId: string;
  role: SsoRole;
  /** Students only. */
  studentId?: string;
  [claim: string]: unknown;
}

export interface IssueSsoTokenOptions {
  /** Default: HS256 when an SSO secret is set, else RS256. `none` gives an unsigned token. */
  alg?: SsoAlg | 'none';
  /** HS256 key (default: the configured SSO secret). */
  secret?: string | Uint8Array;
  /** RS256/ES256 key instead of the published one (e.g. a key the JWKS does not have). */
  privateKey?: CryptoKey;
  /** Header `kid` (default: the published key's); null leaves it out. */
  kid?: string | null;
  issuer?: string;
  audience?: string | string[];
  /** Default now. */
  issuedAt?: Date | number;
  /** Default 300 (5 minutes). */
  expiresInSeconds?: number;
  notBefore?: Date | number;
  jti?: string;
  /** Registered or custom claims to leave out, e.g. `['exp']`. */
  omit?: string[];
}

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  jwk: JWK;
  pem: string;
}

async function newSigningKey(alg: 'RS256' | 'ES256'): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `${alg.toLowerCase()}-${randomBytes(6).toString('hex')}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, jwk, pem: await exportSPKI(publicKey) };
}

export interface SsoTokenSettings {
  now: () => Date;
  audience: string;
  /** Read on every token: the default issuer is the simulator's URL, known only once it listens. */
  issuer: () => string;
  ssoSecret: string | null;
}

export type SsoTokens = Awaited<ReturnType<typeof createSsoTokens>>;

export async function createSsoTokens(settings: SsoTokenSettings) {
  const { now, audience } = settings;
  let ssoSecret = settings.ssoSecret;
  const activeKeys: Record<'RS256' | 'ES256', SigningKey> = {
    RS256: await newSigningKey('RS256'),
    ES256: await newSigningKey('ES256'),
  };
  let publishedKeys: SigningKey[] = [activeKeys.RS256, activeKeys.ES256];

  async function issueSsoToken(claims: SsoClaims, opts: IssueSsoTokenOptions = {}): Promise<string> {
    const alg = opts.alg ?? (ssoSecret ? 'HS256' : 'RS256');
    const iat = unixSeconds(opts.issuedAt ?? now());
    const payload: Record<string, unknown> = {
      iss: opts.issuer ?? settings.issuer(),
      aud: opts.audience ?? audience,
      ...claims,
      jti: opts.jti ?? randomUUID(),
      iat,
      exp: iat + (opts.expiresInSeconds ?? SSO_TOKEN_TTL_S),
    };
    if (opts.notBefore !== undefined) payload.nbf = unixSeconds(opts.notBefore);
    if (payload.studentId === undefined) delete payload.studentId;
    for (const claim of opts.omit ?? []) delete payload[claim];
    if (alg === 'none') return new UnsecuredJWT(payload).encode();
    if (alg === 'HS256') {
      const secret = opts.secret ?? ssoSecret;
      if (!secret) throw new Error('HS256 needs a secret: setSsoSecret() or options.secret');
      const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
      return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
    }
    const active = activeKeys[alg];
    const kid = opts.kid === undefined ? active.kid : opts.kid;
    return new SignJWT(payload)
      .setProtectedHeader({ alg, typ: 'JWT', ...(kid === null ? {} : { kid }) })
      .sign(opts.privateKey ?? active.privateKey);
  }

  async function rotateSsoKey(alg: 'RS256' | 'ES256' = 'RS256', rotation: { keepOld?: boolean } = {}) {
    const key = await newSigningKey(alg);
    const old = activeKeys[alg];
    activeKeys[alg] = key;
    publishedKeys = [key, ...publishedKeys.filter((k) => rotation.keepOld !== false || k !== old)];
    return key.kid;
  }

  return {
    issueSsoToken,
    rotateSsoKey,
    setSsoSecret(secret: string | null) {
      ssoSecret = secret;
    },
    jwks: () => ({ keys: publishedKeys.map((k) => k.jwk) }),
    rs256PublicKeyPem: () => activeKeys.RS256.pem,
  };
}
