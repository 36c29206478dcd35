import fc from 'fast-check';
import { z } from 'zod';
import { hostileDate, hostileNumber, hostileString, wrongType } from './hostile.ts';

/**
 * A fast-check arbitrary for what a client may send to a zod 4 schema: mostly values the schema
 * accepts (so calls get past validation and into services and SQL), with hostile values and wrong
 * types mixed in at every leaf. It reads `schema._zod.def`, the input side of pipes and
 * transforms, and ignores refinements (a refinement that fails is just another 400).
 */

export interface ArbitraryOptions {
  /** Weight of a hostile value at each leaf against 10 for a valid one (default 2; 0 = none). */
  hostility?: number;
  /** Real ids, slugs and tokens, mixed into number and string leaves so some calls hit real rows. */
  pool?: { strings?: readonly string[]; numbers?: readonly number[] };
  /**
   * Values for object keys of these names, for rules zod only checks in a refinement (a currency
   * code, an IANA zone): without them those fields would almost never be valid.
   */
  hints?: Record<string, readonly unknown[]>;
  /** How deep lazy (recursive) schemas are followed. */
  maxDepth?: number;
}

type Schema = z.core.$ZodType;
type Def = { type: string } & Record<string, unknown>;
type CheckDef = { check: string } & Record<string, unknown>;
type Arb = fc.Arbitrary<unknown>;

const DAY = 86_400_000;
const INT32 = 2 ** 31 - 1;
// Sessions must start in the future and schedules span months: most dates land near today.
const BASE_TIME = Math.floor(Date.now() / 60_000) * 60_000;

function defOf(schema: Schema): Def {
  return schema._zod.def as unknown as Def;
}

function checksOf(def: Def): CheckDef[] {
  const checks = (def.checks as Schema[] | undefined) ?? [];
  const own = 'check' in def ? [def as unknown as CheckDef] : [];
  return [...own, ...checks.map((c) => c._zod.def as unknown as CheckDef)];
}

/** The bounds, length limits and formats a schema's checks declare. */
function limits(def: Def) {
  const out: {
    min?: number;
    max?: number;
    minDate?: Date;
    maxDate?: Date;
    int?: boolean;
    formats: Array<{ format: string; pattern?: RegExp }>;
  } = { formats: [] };
  for (const c of checksOf(def)) {
    const value = c.value;
    if (c.check === 'min_length') out.min = c.minimum as number;
    else if (c.check === 'max_length') out.max = c.maximum as number;
    else if (c.check === 'length_equals') out.min = out.max = c.length as number;
    else if (c.check === 'number_format') out.int = String(c.format).includes('int');
    else if (c.check === 'string_format')
      out.formats.push(c as unknown as { format: string; pattern?: RegExp });
    else if (c.check === 'greater_than' || c.check === 'less_than') {
      const lower = c.check === 'greater_than';
      if (value instanceof Date) {
        if (lower) out.minDate = value;
        else out.maxDate = value;
      } else if (typeof value === 'number' || typeof value === 'bigint') {
        const bound = Number(value) + (c.inclusive ? 0 : lower ? 1 : -1) * (out.int ? 1 : 1e-9);
        if (lower) out.min = bound;
        else out.max = bound;
      }
    }
  }
  return out;
}

/**
 * What the fuzzer sends: a third of the cases clean (valid values, real ids; they reach the
 * services and SQL), a third with the odd hostile leaf, a third with many.
 */
export function fuzzArbitrary(schema: Schema, options: Omit<ArbitraryOptions, 'hostility'> = {}): Arb {
  return fc.oneof(
    zodArbitrary(schema, { ...options, hostility: 0 }),
    zodArbitrary(schema, { ...options, hostility: 0.4 }),
    zodArbitrary(schema, { ...options, hostility: 3 }),
  );
}

export function zodArbitrary(schema: Schema, options: ArbitraryOptions = {}): Arb {
  const hostility = options.hostility ?? 2;
  const maxDepth = options.maxDepth ?? 3;
  const strings = options.pool?.strings ?? [];
  const numbers = options.pool?.numbers ?? [];
  const hints = options.hints ?? {};

  /** Valid values, real ones from the pool (those this leaf accepts), and hostile ones, by weight. */
  function mix(valid: Arb, hostile: Arb, pool: readonly unknown[] = [], leaf?: Schema): Arb {
    // fast-check takes integer weights: tenths of the documented scale.
    const choices: Array<fc.WeightedArbitrary<unknown>> = [{ weight: 100, arbitrary: valid }];
    const real = leaf ? pool.filter((value) => accepts(leaf, value)) : pool;
    if (real.length > 0) choices.push({ weight: 30, arbitrary: fc.constantFrom(...real) });
    if (hostility > 0) choices.push({ weight: Math.round(hostility * 10), arbitrary: hostile });
    return fc.oneof(...choices);
  }

  function build(schema: Schema, depth: number): Arb {
    const def = defOf(schema);
    const inner = (key: string) => build(def[key] as Schema, depth);
    switch (def.type) {
      case 'string':
        return mix(stringArb(def), hostileString, strings, schema);
      case 'template_literal':
        return mix(fc.string({ maxLength: 20 }), hostileString, strings);
      case 'number':
        return mix(numberArb(def), hostileNumber, numbers, schema);
      case 'bigint':
        return mix(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), hostileNumber);
      case 'boolean':
        return mix(fc.boolean(), wrongType);
      case 'date':
        return mix(dateArb(def), hostileDate);
      case 'null':
        return mix(fc.constant(null), wrongType);
      case 'undefined':
      case 'void':
        return mix(fc.constant(undefined), wrongType);
      case 'nan':
        return fc.constant(Number.NaN);
      case 'enum':
        return mix(fc.constantFrom(...Object.values(def.entries as Record<string, unknown>)), hostileString);
      case 'literal':
        return mix(fc.constantFrom(...(def.values as unknown[])), hostileString);
      case 'optional':
        return fc.oneof(
          { weight: 4, arbitrary: inner('innerType') },
          { weight: 1, arbitrary: fc.constant(undefined) },
        );
      case 'nullable':
        return fc.oneof(
          { weight: 4, arbitrary: inner('innerType') },
          { weight: 1, arbitrary: fc.constant(null) },
        );
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
      case 'success':
      case 'promise':
        return inner('innerType');
      case 'lazy':
        return depth >= maxDepth ? wrongType : build((def.getter as () => Schema)(), depth + 1);
      case 'pipe':
        return pipeArb(schema, def, depth);
      case 'object':
        return mix(objectArb(def, depth), wrongType);
      case 'array': {
        const { min = 0, max } = limits(def);
        const element = inner('element');
        const valid = fc.array(element, { minLength: min, maxLength: Math.max(min, Math.min(max ?? 5, 5)) });
        // One element past the limit: big arrays reach loops and multi-row inserts.
        const over =
          max === undefined
            ? fc.array(element, { minLength: 50, maxLength: 60 })
            : element.map((e) => Array.from({ length: Math.min(max + 1, 10_001) }, () => e));
        return mix(valid, fc.oneof(over, wrongType));
      }
      case 'tuple':
        return mix(fc.tuple(...(def.items as Schema[]).map((s) => build(s, depth))), wrongType);
      case 'union':
        return fc.oneof(...(def.options as Schema[]).map((s) => build(s, depth)));
      case 'intersection':
        return fc
          .tuple(inner('left'), inner('right'))
          .map(([l, r]) => (isPlainObject(l) && isPlainObject(r) ? { ...l, ...r } : l));
      case 'record': {
        const key = build(def.keyType as Schema, depth).filter((k): k is string => typeof k === 'string');
        return mix(fc.dictionary(key, inner('valueType'), { maxKeys: 4, noNullPrototype: true }), wrongType);
      }
      case 'map':
        return fc
          .array(fc.tuple(inner('keyType'), inner('valueType')), { maxLength: 3 })
          .map((entries) => new Map(entries));
      case 'set':
        return fc.array(inner('valueType'), { maxLength: 3 }).map((values) => new Set(values));
      default:
        // any, unknown, custom, transform, file, function, never: nothing says what is valid.
        return anyValue;
    }
  }

  function objectArb(def: Def, depth: number): Arb {
    const shape = def.shape as Record<string, Schema>;
    const model: Record<string, Arb> = {};
    const requiredKeys: string[] = [];
    for (const [key, field] of Object.entries(shape)) {
      const optional = field._zod.optin === 'optional';
      // An optional key is left out rather than sent as undefined, as a client would.
      const fieldDef = defOf(field);
      const built = build(
        optional && fieldDef.type === 'optional' ? (fieldDef.innerType as Schema) : field,
        depth,
      );
      const hint = hints[key]?.filter((value) => accepts(field, value));
      model[key] = hint?.length
        ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...hint) }, { weight: 1, arbitrary: built })
        : built;
      if (!optional) requiredKeys.push(key);
    }
    // Optional keys are mostly present: refinements often need them together (a link for a zoom location).
    return fc.oneof(
      { weight: 2, arbitrary: fc.record(model, { noNullPrototype: true }) },
      { weight: 1, arbitrary: fc.record(model, { requiredKeys, noNullPrototype: true }) },
    );
  }

  /** The input side decides what is sent; an opaque one (custom, transform) borrows the output's shape. */
  function pipeArb(schema: Schema, def: Def, depth: number): Arb {
    const bag = schema._zod.bag as { truthy?: string[]; falsy?: string[] };
    if (bag.truthy && bag.falsy) return mix(fc.constantFrom(...bag.truthy, ...bag.falsy), hostileString);
    const input = def.in as Schema;
    const inType = defOf(input).type;
    const opaque = ['custom', 'transform', 'any', 'unknown', 'pipe'].includes(inType);
    // `z.string().trim().pipe(z.email())`: the output side knows the format.
    const sameType = inType === defOf(def.out as Schema).type;
    if (sameType) return build(def.out as Schema, depth);
    const inArb = build(input, depth);
    return opaque ? fc.oneof(inArb, build(def.out as Schema, depth)) : inArb;
  }

  return build(schema, 0);
}

function stringArb(def: Def): Arb {
  const { min = 0, max, formats } = limits(def);
  const cap = Math.max(min, Math.min(max ?? 60, min + 60));
  const plain = fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength: min, maxLength: cap }) },
    { weight: 1, arbitrary: fc.string({ minLength: min, maxLength: cap, unit: 'grapheme' }) },
  );
  // Exactly at the limit: the longest value a column must hold (one past it is a hostile long string).
  const edges = max === undefined ? [] : ['a'.repeat(max)];
  const format = formats[0];
  if (format)
    return formatArb(format).filter(
      (v) => typeof v !== 'string' || (v.length >= min && v.length <= (max ?? Infinity)),
    );
  return edges.length
    ? fc.oneof({ weight: 8, arbitrary: plain }, { weight: 1, arbitrary: fc.constantFrom(...edges) })
    : plain;
}

function formatArb(format: { format: string; pattern?: RegExp }): Arb {
  switch (format.format) {
    case 'email':
      // fc.emailAddress() follows RFC 5322, which zod's stricter pattern mostly refuses.
      return fc
        .tuple(fc.stringMatching(/^[a-z0-9_+-]{1,12}(\.[a-z0-9_+-]{1,8})?$/), fc.domain())
        .map(([local, domain]) => `${local}@${domain}`);
    case 'uuid':
    case 'guid':
      return fc.uuid();
    case 'url':
      return fc.webUrl();
    case 'date':
      return dateArb({ type: 'date' }).map((d) => (d as Date).toISOString().slice(0, 10));
    case 'datetime':
      return dateArb({ type: 'date' }).map((d) => (d as Date).toISOString());
    case 'ipv4':
      return fc.ipV4();
    case 'base64':
      return fc.base64String();
    default:
      if (!format.pattern) return fc.string();
      try {
        return fc.stringMatching(format.pattern);
      } catch {
        // fast-check cannot generate from every RegExp (lookarounds, backreferences).
        return fc.string();
      }
  }
}

function numberArb(def: Def): Arb {
  const { min, max, int } = limits(def);
  const lo = Math.ceil(Math.max(min ?? -INT32 - 1, int ? -INT32 - 1 : -1e9));
  const hi = Math.floor(Math.min(max ?? INT32, int ? INT32 : 1e9));
  const edges = [min, max].filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (lo > hi) return fc.constantFrom(...edges, 0);
  // Small numbers are the ones real rows have (ids, counts, hours).
  const small = fc.integer({ min: Math.max(lo, Math.min(hi, -10)), max: Math.min(hi, Math.max(lo, 1000)) });
  const valid = int
    ? fc.oneof(fc.integer({ min: lo, max: hi }), small)
    : fc.oneof(small, fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }));
  return edges.length
    ? fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(...edges) })
    : valid;
}

function dateArb(def: Def): Arb {
  const { minDate, maxDate } = limits(def);
  const nearNow = fc
    .integer({ min: -30, max: 400 })
    .chain((days) =>
      fc.integer({ min: 0, max: 95 }).map((q) => new Date(BASE_TIME + days * DAY + q * 900_000)),
    );
  const wide = fc.date({
    min: minDate ?? new Date('2000-01-01T00:00:00Z'),
    max: maxDate ?? new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  });
  return fc.oneof({ weight: 3, arbitrary: nearNow }, { weight: 1, arbitrary: wide });
}

const anyValue: Arb = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: wrongType },
  { weight: 1, arbitrary: hostileString },
);

function accepts(schema: Schema, value: unknown): boolean {
  try {
    return z.safeParse(schema, value).success;
  } catch {
    // An async refinement cannot run synchronously: let the value through.
    return true;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
