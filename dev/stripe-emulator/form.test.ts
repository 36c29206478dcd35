import { describe, expect, it } from 'vitest';
import { encodeForm, FormParseError, parseForm, splitKey } from './form.ts';

describe('parseForm', () => {
  it('nests bracketed keys into objects and indexed arrays', () => {
    const body = [
      'mode=payment',
      'line_items[0][price_data][currency]=eur',
      'line_items[0][price_data][unit_amount]=1500',
      'line_items[0][price_data][product_data][name]=Pottery%20class',
      'line_items[0][quantity]=2',
      'line_items[1][quantity]=1',
      'metadata[bookingUid]=bk_123',
      'expand[0]=payment_intent',
    ].join('&');
    expect(parseForm(body)).toEqual({
      mode: 'payment',
      line_items: [
        {
          price_data: { currency: 'eur', unit_amount: '1500', product_data: { name: 'Pottery class' } },
          quantity: '2',
        },
        { quantity: '1' },
      ],
      metadata: { bookingUid: 'bk_123' },
      expand: ['payment_intent'],
    });
  });

  it('appends for empty brackets', () => {
    expect(parseForm('expand[]=payment_intent&expand[]=customer')).toEqual({
      expand: ['payment_intent', 'customer'],
    });
  });

  it('accepts percent-encoded brackets and plus-encoded spaces', () => {
    expect(parseForm('metadata%5Bnote%5D=hello+world%21&a%5B0%5D=x')).toEqual({
      metadata: { note: 'hello world!' },
      a: ['x'],
    });
  });

  it('decodes reserved characters and unicode in keys and values', () => {
    expect(parseForm('metadata[k%26y]=a%26b%3Dc%20%C3%BC')).toEqual({ metadata: { 'k&y': 'a&b=c ü' } });
  });

  it('keeps empty values (Stripe reads them as "unset") and keys without "="', () => {
    expect(parseForm('description=&flag')).toEqual({ description: '', flag: '' });
  });

  it('orders sparse indices and compacts them', () => {
    expect(parseForm('a[10]=c&a[2]=b&a[0]=a')).toEqual({ a: ['a', 'b', 'c'] });
  });

  it('lets the last duplicate scalar win', () => {
    expect(parseForm('a=1&a=2')).toEqual({ a: '2' });
  });

  it('ignores empty pairs and an empty input', () => {
    expect(parseForm('')).toEqual({});
    expect(parseForm('&&a=1&')).toEqual({ a: '1' });
  });

  it('treats malformed bracket keys as plain keys', () => {
    expect(parseForm('a[b=1&[c]=2&d[e]f=3')).toEqual({ 'a[b': '1', '[c]': '2', 'd[e]f': '3' });
  });

  it('rejects a key used both as a value and as a container', () => {
    expect(() => parseForm('metadata=x&metadata[a]=b')).toThrow(FormParseError);
    expect(() => parseForm('metadata[a]=b&metadata=x')).toThrow(FormParseError);
    expect(() => parseForm('a[0]=x&a[b]=y')).toThrow(FormParseError);
    expect(() => parseForm('a[b]=x&a[]=y')).toThrow(FormParseError);
  });

  it('rejects bad percent-encoding with the parameter name', () => {
    expect(() => parseForm('a=%E0%A4%A')).toThrow(/value of a/);
  });

  it('cannot pollute prototypes', () => {
    const parsed = parseForm('__proto__[polluted]=yes&metadata[__proto__]=x&constructor[prototype][p]=1');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(parsed.metadata, '__proto__')?.value).toBe('x');
  });

  it('bounds array indices and nesting depth', () => {
    expect(() => parseForm('a[99999999]=x')).toThrow(/too large/);
    expect(() => parseForm(`a${'[b]'.repeat(30)}=x`)).toThrow(/too deeply/);
  });
});

describe('splitKey', () => {
  it('splits bracket segments', () => {
    expect(splitKey('a[b][0][]')).toEqual(['a', 'b', '0', '']);
    expect(splitKey('plain')).toEqual(['plain']);
  });
});

describe('encodeForm', () => {
  it('encodes like the Stripe SDK and round-trips through parseForm', () => {
    const data = {
      mode: 'payment',
      line_items: [
        { price_data: { currency: 'eur', unit_amount: 1500, product_data: { name: 'A & B' } }, quantity: 1 },
      ],
      metadata: { bookingUid: 'x y' },
      expand: ['payment_intent'],
      skipped: undefined,
      cleared: null,
    };
    const encoded = encodeForm(data);
    expect(encoded).toContain('line_items[0][price_data][unit_amount]=1500');
    expect(encoded).toContain('line_items[0][price_data][product_data][name]=A%20%26%20B');
    expect(encoded).toContain('expand[0]=payment_intent');
    expect(encoded).toContain('cleared=');
    expect(encoded).not.toContain('skipped');
    expect(parseForm(encoded)).toEqual({
      mode: 'payment',
      line_items: [
        {
          price_data: { currency: 'eur', unit_amount: '1500', product_data: { name: 'A & B' } },
          quantity: '1',
        },
      ],
      metadata: { bookingUid: 'x y' },
      expand: ['payment_intent'],
      cleared: '',
    });
  });

  it('encodes dates as unix seconds', () => {
    expect(encodeForm({ expires_at: new Date('2030-01-01T00:00:00Z') })).toBe('expires_at=1893456000');
  });
});
