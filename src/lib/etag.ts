/** RFC 9110 weak comparison for If-None-Match: `*`, or any listed tag equal once `W/` is ignored. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
