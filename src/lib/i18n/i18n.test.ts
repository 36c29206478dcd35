import { describe, expect, it } from 'vitest';
import { checkCatalogues, placeholders } from './catalogue-check.ts';
import { LOCALES } from './locales.schema.ts';
import { acceptedLanguages, chooseLanguage, offeredLanguages, requestLanguage } from './negotiate.ts';
import { translator, trustedHtml } from './translator.ts';

describe('catalogues', () => {
  it('every language has every English message with the same placeholders', () => {
    expect(checkCatalogues()).toEqual([]);
  });

  it('placeholders name every argument and its kind, inside plural branches too', () => {
    expect(placeholders('{n, plural, one {# seat for {name}} other {# seats}} on {d, date, full}')).toEqual([
      'd:date',
      'n:plural',
      'name:text',
    ]);
  });
});

describe('choosing the language', () => {
  const all = [...LOCALES];

  it('reads Accept-Language by quality, then order, dropping q=0 and *', () => {
    expect(acceptedLanguages('fr-CH, fr;q=0.9, en;q=0.8, de;q=0, *;q=0.5')).toEqual(['fr-CH', 'fr', 'en']);
    expect(acceptedLanguages('es;q=0.5, it')).toEqual(['it', 'es']);
    expect(acceptedLanguages(undefined)).toEqual([]);
    expect(acceptedLanguages('!!!, x;q=abc')).toEqual([]);
  });

  it('takes an explicit choice first, then the cookie, then the browser, then the school default', () => {
    const base = { offered: all, schoolDefault: 'en' as const };
    expect(chooseLanguage({ ...base, query: 'FR', cookie: 'de', acceptLanguage: 'es' })).toEqual({
      locale: 'fr',
      source: 'query',
    });
    expect(chooseLanguage({ ...base, cookie: 'de', acceptLanguage: 'es' })).toEqual({
      locale: 'de',
      source: 'cookie',
    });
    expect(chooseLanguage({ ...base, acceptLanguage: 'es-MX,es;q=0.9' })).toEqual({
      locale: 'es',
      source: 'header',
    });
    expect(chooseLanguage({ ...base, acceptLanguage: 'pt' })).toEqual({ locale: 'pt-BR', source: 'header' });
    expect(chooseLanguage({ ...base, acceptLanguage: 'ja' })).toEqual({ locale: 'en', source: 'default' });
  });

  it('only ever answers a language the school offers (its default always is)', () => {
    const narrowed = { offered: offeredLanguages(['fr', 'de']), schoolDefault: 'fr' as const };
    expect(chooseLanguage({ ...narrowed, query: 'es' })).toEqual({ locale: 'fr', source: 'default' });
    expect(chooseLanguage({ ...narrowed, acceptLanguage: 'en-GB, de;q=0.5' })).toEqual({
      locale: 'de',
      source: 'header',
    });
    expect(offeredLanguages(null)).toEqual(all);
    expect(offeredLanguages(['xx'])).toEqual(['en']);
  });

  it('answers the public API in the header language or the fallback', () => {
    expect(requestLanguage('it-IT')).toBe('it');
    expect(requestLanguage('ja', 'es')).toBe('es');
    expect(requestLanguage(undefined)).toBe('en');
  });
});

describe('translator', () => {
  it('formats money, lists, language names and dates in the language', () => {
    const es = translator('es');
    expect(es.price(0, 'eur')).toBe('Gratis');
    expect(es.list(['a', 'b', 'c'])).toBe('a, b y c');
    expect(es.languageName('fr')).toBe('francés');
    const start = new Date('2024-12-01T14:00:00Z');
    expect(es.range(start, new Date('2024-12-01T15:00:00Z'), 'America/New_York')).toBe(
      'domingo, 1 de diciembre de 2024, 09:00–10:00 (America/New_York)',
    );
    expect(translator('en').dateTime(start, 'America/New_York')).toBe(
      'Sunday, 1 December 2024, 09:00 (America/New_York)',
    );
    expect(translator('en').money(1250, 'usd')).toBe('$12.50');
    expect(translator('de').money(123456, 'eur')).toBe('1.234,56\u00a0€');
  });

  it('escapes text values in HTML and keeps trusted HTML', () => {
    const fr = translator('fr');
    expect(fr.html('common.taughtIn', { language: '<b>x</b>' })).toBe('Cours en &lt;b&gt;x&lt;/b&gt;');
    expect(fr.html('common.taughtIn', { language: trustedHtml('<b>x</b>') })).toBe('Cours en <b>x</b>');
    expect(fr.t('common.taughtIn', { language: '<b>' })).toBe('Cours en <b>');
  });

  it('passes select arguments to the message as they are in HTML, escaping the other values', () => {
    const html = translator('en').html('manage.state.cancelled', {
      dated: 'yes',
      when: '<1 May>',
      by: 'admin',
      school: 'Tom & Jo',
    });
    expect(html).toBe('This booking was cancelled on &lt;1 May&gt; by Tom &amp; Jo.');
  });
});
