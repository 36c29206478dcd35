import { describe, expect, it } from 'vitest';
import { slugify, uniqueSlug } from './slug.ts';

describe('slugs', () => {
  it('slugify', () => {
    expect(slugify('Business English Workshop')).toBe('business-english-workshop');
    expect(slugify('  Español: Café & Conversación!  ')).toBe('espanol-cafe-conversacion');
    expect(slugify('日本語')).toBe('workshop');
    expect(slugify('x'.repeat(80)).length).toBe(60);
  });

  it('uniqueSlug adds -2, -3…', () => {
    expect(uniqueSlug('a', new Set())).toBe('a');
    expect(uniqueSlug('a', new Set(['a']))).toBe('a-2');
    expect(uniqueSlug('a', new Set(['a', 'a-2']))).toBe('a-3');
  });
});
