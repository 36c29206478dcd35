import { describe, expect, it } from 'vitest';
import { webUrl } from '../../lib/web-url.ts';
import {
  decimalPrice,
  formatDateTime,
  formatDuration,
  formatPrice,
  isoDuration,
  paragraphs,
  seatsText,
  timeElement,
  truncate,
} from './landing-format.ts';
import { landingTheme } from './landing-theme.ts';
import { contrastRatio } from './theme.ts';

describe('landing text', () => {
  it('prices in the currency minor unit, free as "Free"', () => {
    expect(formatPrice(1500, 'USD')).toBe('$15.00');
    expect(formatPrice(1500, 'jpy')).toBe('¥1,500');
    expect(formatPrice(0, 'EUR')).toBe('Free');
    expect(formatPrice(999, 'XX!')).toBe('9.99 XX');
    expect(decimalPrice(1500, 'USD')).toBe('15.00');
    expect(decimalPrice(1500, 'JPY')).toBe('1500');
    expect(decimalPrice(0, 'USD')).toBe('0.00');
  });

  it('durations', () => {
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(60)).toBe('1 hour');
    expect(formatDuration(120)).toBe('2 hours');
    expect(formatDuration(90)).toBe('1 h 30 min');
    expect(isoDuration(90)).toBe('PT1H30M');
    expect(isoDuration(60)).toBe('PT1H');
    expect(isoDuration(45)).toBe('PT45M');
  });

  it('times name their zone; the element carries the instant for the browser', () => {
    expect(formatDateTime('2026-03-10T23:00:00.000Z', 'America/New_York')).toBe(
      'Tue, Mar 10, 2026, 07:00 PM (America/New York)',
    );
    expect(timeElement('2026-03-10T23:00:00.000Z', 'UTC')).toBe(
      '<time datetime="2026-03-10T23:00:00.000Z" data-local="datetime">Tue, Mar 10, 2026, 11:00 PM (UTC)</time>',
    );
  });

  it('seats', () => {
    expect(seatsText(3)).toBe('3 seats left');
    expect(seatsText(1)).toBe('1 seat left');
    expect(seatsText(0)).toBe('Fully booked');
  });

  it('truncates at a word boundary', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('Speak with confidence in meetings and calls', 25)).toBe('Speak with confidence in…');
    expect(truncate('a\n\nb\tc', 10)).toBe('a b c');
    expect(truncate('x'.repeat(50), 20)).toBe(`${'x'.repeat(19)}…`);
  });

  it('bio paragraphs are escaped, with line breaks kept', () => {
    expect(paragraphs('Hi <b>there</b>\nline two\n\n  second "para"  ')).toBe(
      '<p>Hi &lt;b&gt;there&lt;/b&gt;<br>line two</p><p>second &quot;para&quot;</p>',
    );
    expect(paragraphs('\n\n')).toBe('');
  });

  it('only http(s) URLs', () => {
    expect(webUrl('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(webUrl('http://localhost:3000/uploads/x.png')).toBe('http://localhost:3000/uploads/x.png');
    for (const bad of ['javascript:alert(1)', 'data:image/png;base64,AA', '/relative', '', null, undefined]) {
      expect(webUrl(bad)).toBeNull();
    }
  });
});

describe('landing theme', () => {
  const colours = [
    '#ffffff',
    '#000000',
    '#787878',
    '#7f7f7f',
    '#ff0000',
    '#00ff00',
    '#ffcc00',
    '#0066ff',
    '#a0c4ff',
  ];
  const surfaces = ['#f7f7f5', '#fff1d6', '#e3f2ff'];

  it('every fill and its text reach 4.5:1, and the brand as text reads on every light surface', () => {
    for (const primary of colours) {
      for (const secondary of [null, ...colours]) {
        const theme = landingTheme(primary, secondary, surfaces);
        expect(contrastRatio(theme.brand, theme.brandInk)).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(theme.accent, theme.accentInk)).toBeGreaterThanOrEqual(4.5);
        for (const surface of ['#ffffff', theme.tint, ...surfaces]) {
          expect(contrastRatio(theme.brandText, surface)).toBeGreaterThanOrEqual(4.5);
          expect(contrastRatio(theme.accentText, surface)).toBeGreaterThanOrEqual(4.5);
        }
      }
    }
  });
});
