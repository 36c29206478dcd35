import { describe, expect, it } from 'vitest';
import { contrastRatio, inkOn, readableOn, themeCss, themeFor } from './theme.ts';

describe('theme', () => {
  it('puts white text on dark colours and dark text on light ones', () => {
    expect(inkOn('#000080')).toBe('#ffffff');
    expect(inkOn('#ffe600')).toBe('#111418');
    expect(inkOn('#3b82f6')).toBe('#111418');
  });

  it('darkens a pale brand colour until it reads as text on white (4.5:1)', () => {
    const text = readableOn('#ffe600', '#ffffff');
    expect(contrastRatio(text, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(readableOn('#123456', '#ffffff')).toBe('#123456');
  });

  it('every text/background pair of a theme reaches 4.5:1', () => {
    for (const colour of ['#ffffff', '#000000', '#ff0000', '#00ff00', '#7f7f7f', '#a0c4ff', '#ffd6a5']) {
      const theme = themeFor(colour, colour);
      expect(contrastRatio(theme.brand, theme.brandInk)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(theme.brandText, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(theme.accent, theme.accentInk)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('falls back to the default colour for anything that is not a hex colour', () => {
    expect(themeCss(themeFor('red;}body{display:none', null))).not.toContain('red;');
    expect(themeFor('#ABC').brand).toBe('#abc');
  });
});
