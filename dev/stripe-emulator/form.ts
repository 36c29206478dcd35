/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` with bracket notation for nesting.
 *
 *   line_items[0][price_data][unit_amount]=1500  -> { line_items: [{ price_data: { unit_amount: '1500' } }] }
 *   metadata[bookingUid]=x                       -> { metadata: { bookingUid: 'x' } }
 *   expand[]=payment_intent                      -> { expand: ['payment_intent'] }
 *
 * Every leaf stays a string (Stripe coerces per parameter). The official SDK sends indexed arrays
 * (`expand[0]=…`) with unencoded brackets; `[]`, `%5B`/`%5D` and `+` for spaces are accepted too.
 */

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export class FormParseError extends Error {
  readonly param: string | undefined;
  constructor(message: string, param?: string) {
    super(message);
    this.name = 'FormParseError';
    this.param = param;
  }
}

const MAX_PAIRS = 10_000;
const MAX_DEPTH = 20;
const MAX_INDEX = 10_000;

type Node = { kind: 'leaf'; value: string } | ObjNode | ArrNode;
interface ObjNode {
  kind: 'object';
  entries: Map<string, Node>;
}
interface ArrNode {
  kind: 'array';
  entries: Map<number, Node>;
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    throw new FormParseError(`Invalid percent-encoding in ${what}: ${part.slice(0, 80)}`);
  }
}

/** Splits `a[b][0][]` into `['a', 'b', '0', '']`; a key that is not well formed is one segment. */
export function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0) return [key];
  const segments = [key.slice(0, open)];
  let rest = key.slice(open);
  while (rest.length > 0) {
    const match = /^\[([^[\]]*)\]/.exec(rest);
    if (!match) return [key];
    segments.push(match[1]!);
    rest = rest.slice(match[0].length);
  }
  return segments;
}

function isIndex(segment: string): boolean {
  return segment === '' || /^\d+$/.test(segment);
}

function newContainer(nextSegment: string): ObjNode | ArrNode {
  return isIndex(nextSegment)
    ? { kind: 'array', entries: new Map() }
    : { kind: 'object', entries: new Map() };
}

function describe(node: Node): string {
  return node.kind === 'leaf' ? 'a value' : node.kind === 'object' ? 'a hash' : 'an array';
}

function setPath(root: ObjNode, segments: string[], value: string, rawKey: string): void {
  let container: ObjNode | ArrNode = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    let slot: string | number;
    if (container.kind === 'array') {
      if (segment === '') {
        slot = container.entries.size === 0 ? 0 : Math.max(...container.entries.keys()) + 1;
      } else if (/^\d+$/.test(segment)) {
        slot = Number(segment);
      } else {
        throw new FormParseError(`Invalid array index in ${rawKey}`, rawKey);
      }
      if (slot > MAX_INDEX) throw new FormParseError(`Array index too large in ${rawKey}`, rawKey);
    } else if (segment === '') {
      throw new FormParseError(`Invalid ${rawKey}: it is a hash elsewhere in the request`, rawKey);
    } else {
      slot = segment;
    }
    const entries = container.entries as Map<string | number, Node>;
    const existing = entries.get(slot);
    if (last) {
      if (existing && existing.kind !== 'leaf') {
        throw new FormParseError(
          `Invalid ${rawKey}: it is ${describe(existing)} elsewhere in the request`,
          rawKey,
        );
      }
      entries.set(slot, { kind: 'leaf', value });
      return;
    }
    const next = segments[i + 1]!;
    if (existing === undefined) {
      const created = newContainer(next);
      entries.set(slot, created);
      container = created;
    } else if (existing.kind === 'leaf') {
      throw new FormParseError(
        `Invalid ${rawKey}: it is ${describe(existing)} elsewhere in the request`,
        rawKey,
      );
    } else {
      // `items[0][x]` after `items[0]` was created as an object is fine; `items[a]` on an array is not.
      if (existing.kind === 'array' && !isIndex(next)) {
        throw new FormParseError(`Invalid ${rawKey}: expected an array index`, rawKey);
      }
      container = existing;
    }
  }
}

function finish(node: Node): FormValue {
  if (node.kind === 'leaf') return node.value;
  if (node.kind === 'array') {
    return [...node.entries.entries()].sort((a, b) => a[0] - b[0]).map(([, child]) => finish(child));
  }
  // Object.fromEntries defines own properties, so a `__proto__` key cannot reach the prototype.
  return Object.fromEntries([...node.entries.entries()].map(([key, child]) => [key, finish(child)]));
}

/** Parses a form-encoded body or query string (without the leading `?`). */
export function parseForm(input: string): FormObject {
  const root: ObjNode = { kind: 'object', entries: new Map() };
  if (input.length === 0) return {};
  const pairs = input.split('&');
  if (pairs.length > MAX_PAIRS) throw new FormParseError('Too many parameters');
  for (const pair of pairs) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = decode(eq === -1 ? pair : pair.slice(0, eq), 'parameter name');
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1), `the value of ${rawKey}`);
    if (rawKey === '') continue;
    const segments = splitKey(rawKey);
    if (segments.length > MAX_DEPTH)
      throw new FormParseError(`Parameter nested too deeply: ${rawKey}`, rawKey);
    setPath(root, segments, value, rawKey);
  }
  return finish(root) as FormObject;
}

function encodePart(value: string): string {
  return encodeURIComponent(value).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

/**
 * The inverse of {@link parseForm}, producing what the SDK sends: indexed arrays, nested brackets,
 * `null` as an empty string (Stripe's "unset"), `undefined` skipped.
 */
export function encodeForm(data: Record<string, unknown>): string {
  const pairs: string[] = [];
  const walk = (key: string, value: unknown): void => {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(`${key}[${i}]`, item);
      });
    } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      for (const [k, v] of Object.entries(value)) walk(`${key}[${k}]`, v);
    } else {
      const text =
        value === null
          ? ''
          : value instanceof Date
            ? String(Math.floor(value.getTime() / 1000))
            : String(value);
      pairs.push(`${encodePart(key)}=${encodePart(text)}`);
    }
  };
  for (const [key, value] of Object.entries(data)) walk(key, value);
  return pairs.join('&');
}
