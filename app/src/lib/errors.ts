/**
 * The spec's error code of a failed call: tRPC errors carry it as `data.appCode`, REST answers as
 * `code`. Duck-typed so that screens without the tRPC client need not load it.
 */
export function appCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const data = (error as { data?: { appCode?: unknown } }).data;
  if (typeof data?.appCode === 'string') return data.appCode;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
