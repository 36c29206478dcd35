import fc from 'fast-check';

// Values that have broken services like this one before: each is a class of bad input the
// boundary must turn into a 4xx (issue 12, finding 5), not something a random generator finds.

const LONG = 'x'.repeat(20_000);

export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '   \t\n ',
  '\u0000',
  'abc\u0000def',
  '\ud800',
  'lone \udfff surrogate',
  '\u202egnp.exe',
  '\u200b\u200f\ufeff',
  "'; drop table bookings; --",
  '" or 1=1 --',
  '%_\\',
  '../../../../etc/passwd',
  '..%2f..%2f',
  '<script>alert(1)</script>',
  '{{7*7}}#{7*7}',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-1',
  '99999999999999999999999',
  '1e400',
  '2024-02-30',
  '+275760-09-13T00:00:00.000Z',
  'İﬁß',
  '👩‍👩‍👧‍👦'.repeat(50),
  'a\r\nSet-Cookie: x=1',
  'x'.repeat(256),
  LONG,
];

export const HOSTILE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  0.5,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e308,
  -1e308,
  5e-324,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

/** The edges of what a JS Date holds, and years no calendar column expects. */
export const HOSTILE_DATES: readonly Date[] = [
  new Date(8.64e15),
  new Date(-8.64e15),
  new Date(8.64e15 - 1),
  new Date('+275759-01-01T00:00:00.000Z'),
  new Date('9999-12-31T23:59:59.999Z'),
  new Date('0001-01-01T00:00:00.000Z'),
  new Date(0),
  new Date(-1),
  new Date(Number.NaN),
];

/** One of every type superjson can carry, for a leaf that expects another. */
export const WRONG_TYPES: readonly unknown[] = [
  null,
  undefined,
  true,
  '',
  '1',
  'true',
  0,
  1.5,
  [],
  [1, 'a'],
  {},
  { a: { b: { c: 1 } } },
  new Date(0),
  2n ** 70n,
  new Map([['k', 'v']]),
  new Set([1]),
  /x/,
];

export const hostileString: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  // A valid-looking value with something nasty inside.
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\ud800', '\u202e', '\udc00x'))
      .map(([s, bad]) => `${s}${bad}${s}`),
  },
  { weight: 1, arbitrary: fc.constantFrom(...WRONG_TYPES) },
);

export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom('1', '1e3', '0x10', 2n ** 63n, true, null) },
);

export const hostileDate: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_DATES) },
  { weight: 1, arbitrary: fc.constantFrom('2030-01-01T00:00:00Z', 1_900_000_000_000, null) },
);

export const wrongType: fc.Arbitrary<unknown> = fc.constantFrom(...WRONG_TYPES);

/** Hostile text for places that only carry strings (URL path segments, query values, form fields). */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\ud800', '\u202e', '%00', '%ZZ', '%'))
      .map(([s, bad]) => `${s}${bad}${s}`),
  },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS.map(String), '2147483648', '-0') },
);
