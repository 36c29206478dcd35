import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, type JWK, SignJWT } from 'jose';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import { createSsoTokenVerifier } from './sso-token-verifier.ts';

// The verifier alone (no database): which key checks which algorithm when both are configured.

const ISSUER = 'https://immersio.test';
const AUDIENCE = 'booking-service';
const SECRET = 'an-hs256-secret-of-at-least-32-characters!';
const logger = pino({ level: 'silent' });

let server: Server;
let jwksUrl: string;
let rsa: CryptoKeyPair;
let ec: CryptoKeyPair;

beforeAll(async () => {
  rsa = await generateKeyPair('RS256', { extractable: true });
  ec = await generateKeyPair('ES256', { extractable: true });
  const keys: JWK[] = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const claims = () => ({
  sub: 'u-1',
  email: 'Someone@Example.test',
  name: 'Some One',
  orgId: 'org-1',
  role: 'teacher',
});

function sign(alg: string, key: CryptoKey | Uint8Array, kid?: string) {
  return new SignJWT(claims())
    .setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .setJti(randomUUID())
    .sign(key);
}

function verifier(env: { jwks?: boolean; secret?: boolean; issuer?: boolean }) {
  return createSsoTokenVerifier({
    env: {
      IMMERSIO_SSO_JWKS_URL: env.jwks ? jwksUrl : undefined,
      IMMERSIO_SSO_SECRET: env.secret ? SECRET : undefined,
      IMMERSIO_SSO_ISSUER: env.issuer === false ? undefined : ISSUER,
      IMMERSIO_SSO_AUDIENCE: AUDIENCE,
      IMMERSIO_SSO_AUTHORIZE_URL: undefined,
      PUBLIC_BASE_URL: 'http://localhost:3000',
      BOOKING_DOMAIN: undefined,
    },
    logger,
    now: () => new Date(),
  });
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('INVALID_TOKEN');
  expect((error as AppError).message).toBe('Invalid token');
}

describe('SSO token verifier', () => {
  it('with both keys configured, the header picks the key: HS256 → secret, RS256/ES256 → JWKS', async () => {
    const both = verifier({ jwks: true, secret: true });
    expect(both.configured).toBe(true);
    const hs = await both.verify(await sign('HS256', new TextEncoder().encode(SECRET)));
    expect(hs).toMatchObject({ email: 'someone@example.test', orgId: 'org-1', role: 'teacher' });
    await expect(both.verify(await sign('RS256', rsa.privateKey, 'rsa-1'))).resolves.toMatchObject({
      sub: 'u-1',
    });
    await expect(both.verify(await sign('ES256', ec.privateKey, 'ec-1'))).resolves.toMatchObject({
      sub: 'u-1',
    });
  });

  it('HS256 keyed with the RSA public key is refused, with or without a secret configured', async () => {
    const pem = new TextEncoder().encode(await exportSPKI(rsa.publicKey));
    const jwk = new TextEncoder().encode(JSON.stringify(await exportJWK(rsa.publicKey)));
    for (const v of [verifier({ jwks: true }), verifier({ jwks: true, secret: true })]) {
      await refusal(v.verify(await sign('HS256', pem, 'rsa-1')));
      await refusal(v.verify(await sign('HS256', jwk, 'rsa-1')));
    }
  });

  it('an asymmetric token is never checked against the secret; HS256 never against the JWKS', async () => {
    await refusal(verifier({ secret: true }).verify(await sign('RS256', rsa.privateKey, 'rsa-1')));
    await refusal(verifier({ jwks: true }).verify(await sign('HS256', new TextEncoder().encode(SECRET))));
  });

  it('other algorithms (RS512, PS256, none) are refused', async () => {
    const v = verifier({ jwks: true, secret: true });
    const rs512 = await generateKeyPair('RS512');
    await refusal(v.verify(await sign('RS512', rs512.privateKey, 'rsa-1')));
    const ps = await generateKeyPair('PS256');
    await refusal(v.verify(await sign('PS256', ps.privateKey, 'rsa-1')));
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`;
    await refusal(v.verify(none));
    await refusal(v.verify('not a token'));
  });

  it('without issuer (or without any key) SSO is off and every token is refused', async () => {
    const off = verifier({ jwks: true, issuer: false });
    expect(off.configured).toBe(false);
    await refusal(off.verify(await sign('RS256', rsa.privateKey, 'rsa-1')));
    expect(verifier({}).configured).toBe(false);
  });

  it('claims of the wrong shape are refused (bad role, bad e-mail, missing name)', async () => {
    const v = verifier({ secret: true });
    const key = new TextEncoder().encode(SECRET);
    for (const bad of [{ role: 'owner' }, { email: 'not-an-email' }, { name: '' }]) {
      const token = await new SignJWT({ ...claims(), ...bad })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime('5m')
        .setJti(randomUUID())
        .sign(key);
      await refusal(v.verify(token));
    }
  });
});
