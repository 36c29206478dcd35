/**
 * The URL if it is an absolute http(s) URL, else null: nothing else may become a link or an image
 * (no `javascript:` or `data:` links from tenant or student text).
 */
export function webUrl(value: string | null | undefined): string | null {
  if (!value || !URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
}
