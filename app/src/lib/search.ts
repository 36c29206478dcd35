/**
 * Readers for URL search params (filters, pages, tabs live in the URL so every view can be
 * linked and reloaded). Small hand-written readers rather than zod keep the entry chunk light;
 * a bad value is dropped, never an error.
 */
type Raw = Record<string, unknown>;

export function optionalString(raw: Raw, key: string, max = 200): string | undefined {
  const value = raw[key];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

export function optionalInt(raw: Raw, key: string, min = 1, max = 2_147_483_647): number | undefined {
  const value = typeof raw[key] === 'string' ? Number(raw[key]) : raw[key];
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? value
    : undefined;
}

export function optionalEnum<const T extends string>(
  raw: Raw,
  key: string,
  values: readonly T[],
): T | undefined {
  const value = raw[key];
  return typeof value === 'string' && (values as readonly string[]).includes(value)
    ? (value as T)
    : undefined;
}

/** A calendar date `YYYY-MM-DD`. */
export function optionalDay(raw: Raw, key: string): string | undefined {
  const value = raw[key];
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
    ? value
    : undefined;
}
