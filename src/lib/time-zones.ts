import { IANAZone } from 'luxon';

// Checking a zone builds an Intl formatter, which is slow enough to show in the booking path;
// the answer never changes for a process, and real callers use a few hundred zones at most.
const valid = new Set<string>();

/** An IANA zone name the runtime knows (e.g. Europe/Berlin, UTC). */
export function isValidTimeZone(zone: string): boolean {
  if (valid.has(zone)) return true;
  if (!IANAZone.isValidZone(zone)) return false;
  if (valid.size < 2000) valid.add(zone);
  return true;
}
