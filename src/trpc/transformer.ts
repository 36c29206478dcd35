import superjson from 'superjson';

const FALLBACK = Symbol('fallback');

/**
 * superjson's wire format, produced without superjson's general walker for the common case:
 * plain objects, arrays, strings, finite numbers, booleans, null and valid Dates. Anything else
 * (undefined, Map, Set, BigInt, class instances, NaN, -0, invalid dates) goes to superjson
 * itself, so the client decodes the same values either way. The value is not copied: it is
 * only walked to find the Dates, and JSON.stringify later writes each Date as the same ISO
 * string superjson would.
 */
export function serializeOutput(value: unknown): unknown {
  const dates: string[] = [];
  if (scan(value, [], dates) === FALLBACK) return superjson.serialize(value);
  if (dates.length === 0) return { json: value };
  if (value instanceof Date) return { json: value, meta: { values: ['Date'], v: 1 } };
  const values: Record<string, ['Date']> = {};
  for (const path of dates) values[path] = ['Date'];
  return { json: value, meta: { values, v: 1 } };
}

/** Records the escaped path of every Date; FALLBACK when superjson must take over. */
function scan(value: unknown, path: Array<string | number>, dates: string[]): typeof FALLBACK | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? undefined : FALLBACK;
    case 'object': {
      if (value === null) return undefined;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          const result = scan(value[i], path, dates);
          path.pop();
          if (result === FALLBACK) return FALLBACK;
        }
        return undefined;
      }
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) return FALLBACK;
        dates.push(path.map(escapeKey).join('.'));
        return undefined;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return FALLBACK;
      for (const key in value) {
        path.push(key);
        const result = scan((value as Record<string, unknown>)[key], path, dates);
        path.pop();
        if (result === FALLBACK) return FALLBACK;
      }
      return undefined;
    }
    default:
      return FALLBACK;
  }
}

function escapeKey(key: string | number): string {
  return typeof key === 'number' ? String(key) : key.replace(/\\/g, '\\\\').replace(/\./g, '\\.');
}

/** Inputs keep superjson both ways; outputs take the fast path above and decode as superjson. */
export const transformer = {
  input: superjson,
  output: { serialize: serializeOutput, deserialize: superjson.deserialize },
};
