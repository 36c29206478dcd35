import type { Tx } from '../../db/client.ts';
import type { Logger } from '../../lib/logger.ts';
import { findAccountByEmail } from '../auth/accounts.ts';
import * as repo from './sso.repo.ts';
import { refused, type SsoClaims } from './sso-token-verifier.ts';

/**
 * The user for these claims. An identity already linked wins (whatever the e-mail says now).
 * Otherwise the account with that e-mail is linked — but only if signing in as it grants nothing
 * this organisation does not control: a staff token may link an account whose memberships are
 * all in this tenant, a student token only an account with no membership at all. Otherwise
 * anyone able to get a token for an address (an Immersio account with someone else's e-mail)
 * could take over a school owner's account elsewhere.
 */
export async function resolveSsoUser(tx: Tx, logger: Logger, claims: SsoClaims, tenantId: number) {
  const identity = await repo.findIdentity(tx, claims.orgId, claims.sub);
  if (identity) {
    const user = await repo.findUserById(tx, identity.userId);
    if (user) return user;
  }
  const existing = await findAccountByEmail(tx, claims.email);
  if (existing) {
    const elsewhere = await repo.countMembershipsElsewhere(
      tx,
      existing.id,
      claims.role === 'student' ? null : tenantId,
    );
    if (elsewhere > 0) {
      throw refused(
        logger,
        'the e-mail belongs to an account with memberships this organisation does not control; not linked',
        {
          userId: existing.id,
          orgId: claims.orgId,
          role: claims.role,
        },
      );
    }
    return existing;
  }
  return repo.insertUserIfAbsent(tx, { email: claims.email, name: claims.name });
}
