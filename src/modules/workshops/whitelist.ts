import type { Tx } from '../../db/client.ts';
import * as repo from './workshops.repo.ts';

export interface WhitelistInputEntry {
  email: string;
  name?: string | undefined;
  immersioStudentId?: string | undefined;
}

export type NormalisedWhitelist = Map<string, { name: string | null; immersioStudentId: string | null }>;

/** Trimmed, lower-cased emails; the first of repeated entries wins. */
export function normaliseWhitelist(entries: WhitelistInputEntry[]): NormalisedWhitelist {
  const unique: NormalisedWhitelist = new Map();
  for (const entry of entries) {
    const email = entry.email.trim().toLowerCase();
    if (!unique.has(email)) {
      unique.set(email, {
        name: entry.name?.trim() || null,
        immersioStudentId: entry.immersioStudentId ?? null,
      });
    }
  }
  return unique;
}

/**
 * add: new entries are inserted, ones already there are skipped; replace: the list becomes
 * exactly the input; remove: the given emails go. The caller holds the workshop row lock.
 */
export async function applyWhitelist(
  tx: Tx,
  tenantId: number,
  workshopId: number,
  mode: 'add' | 'replace' | 'remove',
  entries: NormalisedWhitelist,
) {
  const emails = [...entries.keys()];
  if (mode === 'remove') {
    const removed = await repo.removeWhitelistEntries(tx, tenantId, workshopId, { only: emails });
    return { added: 0, removed, alreadyListed: 0 };
  }
  const removed =
    mode === 'replace' ? await repo.removeWhitelistEntries(tx, tenantId, workshopId, { except: emails }) : 0;
  const added = await repo.addWhitelistEntries(
    tx,
    [...entries].map(([email, extra]) => ({ tenantId, workshopId, email, ...extra })),
  );
  return { added, removed, alreadyListed: emails.length - added };
}
