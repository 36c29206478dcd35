/**
 * An address suggested from the school's name while the person has not typed one: accents
 * dropped, anything else between words becomes one dash, at most 63 characters.
 */
export function suggestSchoolAddress(schoolName: string): string {
  const words = schoolName
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let address = '';
  for (const word of words) {
    const next = address ? `${address}-${word}` : word;
    if (next.length > 63) {
      // One very long word still gives an address rather than none.
      if (!address) address = word.slice(0, 63);
      break;
    }
    address = next;
  }
  return address;
}

/** Where the school's booking page will live (every school is served at `/{slug}` on this host). */
export function schoolPageUrl(slug: string): string {
  return `${window.location.origin}/${slug}`;
}
