// Raw SQL (`db.execute`) skips Drizzle's column mapping: node-postgres hands timestamps back as
// strings and int8 as strings, PGlite as Dates and bigints. A repo types a raw statement's rows as
// `RawRow<…>` of the schema's row type and converts them with these, so callers only see Dates.

type RawValue<V> = V extends Date ? Date | string : V;

/** A row as a raw statement returns it: its timestamps may be strings. */
export type RawRow<T> = { [K in keyof T]: RawValue<T[K]> };

export function toDate(value: Date | string): Date {
  return new Date(value);
}

export function toDateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}
