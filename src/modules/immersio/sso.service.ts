import type { Database } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Auth } from '../auth/auth.ts';
import { createSignInWithImmersio } from './sign-in-with-immersio.ts';
import { createSsoReturn } from './sso-return.ts';
import { createSsoStart } from './sso-start.ts';
import { createSsoTokenVerifier, type SsoEnv } from './sso-token-verifier.ts';

/**
 * "Sign in with Immersio" (spec 2.3 and 6): `callback` takes a token posted by the booking page,
 * `start` sends a browser to Immersio's authorize page with a signed state, `complete` is where
 * the browser comes back with the token and the state. All three end in the same sign-in
 * (sign-in-with-immersio.ts).
 */
export function createSsoService(deps: {
  db: Database;
  env: SsoEnv & { APP_SECRET: string };
  auth: Auth;
  bus: CacheBus;
  logger: Logger;
  now: () => Date;
}) {
  const logger = deps.logger.child({ module: 'immersio-sso' });
  const verifier = createSsoTokenVerifier({ env: deps.env, logger, now: deps.now });
  const signIn = createSignInWithImmersio({ ...deps, logger, verifier });
  const start = createSsoStart({ db: deps.db, env: deps.env, logger, now: deps.now, verifier });
  const complete = createSsoReturn({ db: deps.db, env: deps.env, logger, now: deps.now, verifier, signIn });

  return {
    get configured() {
      return verifier.configured;
    },

    /** `POST /api/v1/oauth/immersio/callback`. */
    async callback(input: {
      token: string;
      redirectUrl: string;
      client: { ip?: string; userAgent?: string };
    }) {
      return signIn(input);
    },

    start,
    complete,
  };
}

export type SsoService = ReturnType<typeof createSsoService>;
