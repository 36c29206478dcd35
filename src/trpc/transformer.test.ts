import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { serializeOutput } from './transformer.ts';

const samples: unknown[] = [
  null,
  'text',
  42,
  true,
  new Date('2024-01-15T10:00:00Z'),
  [],
  {},
  { id: 1, name: 'Academy', createdAt: new Date(0), plan: { features: { a: true } }, list: [1, 'x', null] },
  { 'dotted.key': new Date(1), 'back\\slash': { d: new Date(2) }, arr: [new Date(3), { at: new Date(4) }] },
  [{ when: new Date(5) }, { when: new Date(6) }],
  { nested: { deep: { deeper: [[new Date(7)]] } } },
  // Fallback cases: superjson itself must handle these.
  { u: undefined },
  { big: 10n },
  { m: new Map([['a', 1]]) },
  { s: new Set([1]) },
  { n: Number.NaN, i: Number.POSITIVE_INFINITY, z: -0 },
  { bad: new Date(Number.NaN) },
  undefined,
];

/** What actually crosses HTTP: the handler JSON.stringifies the envelope. */
const wire = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('serializeOutput', () => {
  it.each(samples.map((value, index) => [index, value]))('sample %i decodes like superjson', (_i, value) => {
    const fast = wire(serializeOutput(value));
    expect(superjson.deserialize(fast)).toEqual(superjson.deserialize(wire(superjson.serialize(value))));
  });

  it('emits exactly superjson wire format for plain data with dates', () => {
    const value = { a: { b: new Date(0) }, 'x.y': new Date(1), arr: [new Date(2)], plain: 1 };
    const { json, meta } = superjson.serialize(value);
    expect(wire(serializeOutput(value))).toEqual(wire({ json, meta: { values: meta?.values, v: 1 } }));
    expect(wire(serializeOutput({ a: 1 }))).toEqual(wire(superjson.serialize({ a: 1 })));
    expect(wire(serializeOutput(new Date(0)))).toEqual(wire(superjson.serialize(new Date(0))));
  });
});
