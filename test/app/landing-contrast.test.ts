import { describe, expect, it } from 'vitest';
import { contrastRatio, contrastWarnings, formatRatio } from '../../app/src/features/landing/contrast.ts';
import { inkOn, readableOn, contrastRatio as serverContrast } from '../../src/modules/web/theme.ts';

// The landing editor's colour warning (app/src/features/landing/contrast.ts): WCAG 2 ratios, and
// warnings exactly where the page's theme has to change a colour to keep its text readable.

describe('contrastRatio', () => {
  it('gives the WCAG figures', () => {
    expect(contrastRatio('#FFFFFF', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#123456', '#123456')).toBe(1);
    expect(contrastRatio('#767676', '#FFFFFF')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#FFFFFF')).toBeCloseTo(4.48, 2);
  });

  it('agrees with the page’s own theme for any colour', () => {
    for (let i = 0; i < 200; i++) {
      const colour = `#${((i * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(-6)}`;
      expect(contrastRatio(colour, '#ffffff')).toBeCloseTo(serverContrast(colour, '#ffffff'), 10);
    }
  });

  it('is null for what is not #RRGGBB', () => {
    expect(contrastRatio('red', '#ffffff')).toBeNull();
    expect(contrastRatio('#fff', '#ffffff')).toBeNull();
    expect(contrastRatio('#GGGGGG', '#ffffff')).toBeNull();
  });
});

describe('contrastWarnings', () => {
  it('says nothing for colours that read both ways', () => {
    expect(contrastWarnings({ primaryColor: '#0055CC', secondaryColor: '#1A1A1A' })).toEqual([]);
    expect(contrastWarnings({ primaryColor: '#0066FF', secondaryColor: null })).toEqual([]);
  });

  it('warns about a light colour as text on the white page', () => {
    const [warning, ...rest] = contrastWarnings({ primaryColor: '#FFCC00' });
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ id: 'primary-text' });
    expect(warning!.ratio).toBeCloseTo(1.51, 2);
    expect(warning).toMatchObject({ which: 'primary', colour: '#FFCC00' });
    expect(formatRatio(warning!.ratio, 'en')).toBe('1.5:1');
  });

  it('warns about a mid-tone fill no text reads on, for the secondary colour too', () => {
    const ids = contrastWarnings({ primaryColor: '#0066FF', secondaryColor: '#E0218A' }).map((w) => w.id);
    expect(ids).toEqual(['secondary-text', 'secondary-fill']);
  });

  it('warns exactly where the page adjusts the colour', () => {
    for (let i = 0; i < 300; i++) {
      const colour = `#${((i * 40503 * 977) >>> 0).toString(16).padStart(6, '0').slice(-6)}`;
      const ids = contrastWarnings({ primaryColor: colour }).map((w) => w.id);
      expect(ids.includes('primary-text'), colour).toBe(readableOn(colour, '#ffffff') !== colour);
      expect(ids.includes('primary-fill'), colour).toBe(serverContrast(colour, inkOn(colour)) < 4.5);
    }
  });

  it('ignores colours the form will refuse anyway', () => {
    expect(contrastWarnings({ primaryColor: 'blue', secondaryColor: '#12' })).toEqual([]);
  });

  it('rounds ratios down', () => {
    expect(formatRatio(4.49)).toBe('4.4:1');
    expect(formatRatio(21)).toBe('21.0:1');
  });
});
