import { describe, expect, it } from 'vitest';
import { dbId, findUnsafeInput, INT4_MAX } from './boundary.schema.ts';

describe('boundary', () => {
  it('finds NUL, lone surrogates, far dates and non-finite numbers anywhere in an input', () => {
    expect(findUnsafeInput({ a: [{ b: 'x\u0000' }] })).toMatchObject({ path: ['a', '0', 'b'] });
    expect(findUnsafeInput({ title: 'x\ud800' })?.message).toMatch(/lone surrogate/);
    expect(findUnsafeInput({ title: 'x\udc00y' })?.message).toMatch(/lone surrogate/);
    expect(findUnsafeInput({ 'k\u0000': 1 })).toMatchObject({ path: ['(key)'] });
    expect(findUnsafeInput({ from: new Date('2999-01-01') })).toMatchObject({ path: ['from'] });
    expect(findUnsafeInput({ from: new Date(Number.NaN) })).toMatchObject({ path: ['from'] });
    expect(findUnsafeInput({ n: Number.POSITIVE_INFINITY })).toMatchObject({ path: ['n'] });
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { deep };
    expect(findUnsafeInput(deep)?.message).toMatch(/nested/);
  });

  it('lets ordinary input through: emoji, accents, right-to-left scripts, dates this century', () => {
    expect(
      findUnsafeInput({
        name: 'Zoë 👩🏽‍🏫 محمد',
        at: new Date('2027-03-28T01:30:00Z'),
        list: [1, 2.5, -3],
        nested: { ok: true, none: null },
      }),
    ).toBeUndefined();
  });

  it('bounds ids to the integer column', () => {
    expect(dbId().safeParse(INT4_MAX).success).toBe(true);
    expect(dbId().safeParse(INT4_MAX + 1).success).toBe(false);
    expect(dbId().safeParse(0).success).toBe(false);
  });
});
