// Checking a zone builds an Intl formatter, which is slow enough to show in the booking path;
// the answer never changes for a process, and real callers use a few hundred zones at most.
// Plain Intl (what luxon's IANAZone.isValidZone does), so the staff app's schemas that import
// this file do not bring luxon into its bundle.
const valid = new Set<string>();

/** An IANA zone name the runtime knows (e.g. Europe/Berlin, UTC). */
export function isValidTimeZone(zone: string): boolean {
  if (valid.has(zone)) return true;
  if (!runtimeKnows(zone)) return false;
  if (valid.size < 2000) valid.add(zone);
  return true;
}

function runtimeKnows(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone }).format();
    return true;
  } catch {
    return false;
  }
}
