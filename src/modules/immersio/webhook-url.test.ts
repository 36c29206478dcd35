import { describe, expect, it } from 'vitest';
import {
  assertWebhookUrl,
  type HostLookup,
  isPrivateAddress,
  pinnedLookup,
  type WebhookUrlError,
} from './webhook-url.ts';

const strict = { allowPrivate: false, requireHttps: false };

function resolvesTo(...addresses: string[]): HostLookup {
  return async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
}

async function reason(url: string, options: Parameters<typeof assertWebhookUrl>[1] = strict) {
  try {
    await assertWebhookUrl(url, options);
  } catch (error) {
    const e = error as WebhookUrlError;
    expect(e.code).toBe('VALIDATION_ERROR');
    expect(e.status).toBe(400);
    expect(e.issues?.[0]?.path).toBe('webhookUrl');
    return e.reason;
  }
  return 'ok';
}

describe('webhook URL check', () => {
  it('accepts a public https URL and returns the addresses it resolved to', async () => {
    const checked = await assertWebhookUrl('https://hooks.example.com/immersio?x=1', {
      ...strict,
      requireHttps: true,
      lookup: resolvesTo('93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'),
    });
    expect(checked.url.href).toBe('https://hooks.example.com/immersio?x=1');
    expect(checked.addresses).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ]);
  });

  it('refuses what is not an http(s) URL, or carries credentials', async () => {
    for (const url of ['', 'not a url', 'ftp://example.com/x', 'javascript:alert(1)', 'file:///etc/passwd']) {
      expect(await reason(url)).toBe('invalid');
    }
    expect(await reason('https://user:pass@example.com/')).toBe('invalid');
    expect(await reason(`https://example.com/${'a'.repeat(2100)}`)).toBe('invalid');
  });

  it('requires https when asked (production)', async () => {
    const options = { ...strict, requireHttps: true, lookup: resolvesTo('93.184.216.34') };
    expect(await reason('http://hooks.example.com/', options)).toBe('https-required');
    expect(await reason('https://hooks.example.com/', options)).toBe('ok');
  });

  it('refuses loopback, private, link-local and metadata addresses written as literals', async () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://127.1.2.3:8080/',
      'http://2130706433/', // 127.0.0.1 as one number
      'http://0x7f.1/',
      'http://0.0.0.0/',
      'http://10.0.0.5/',
      'http://172.16.0.1/',
      'http://172.31.255.255/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://224.0.0.1/',
      'http://255.255.255.255/',
      'http://[::1]/',
      'http://[::]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://[fc00::abcd]/',
      'http://[64:ff9b::a00:1]/', // NAT64 of 10.0.0.1
      'http://[2002:7f00:1::]/', // 6to4 of 127.0.0.1
    ]) {
      expect([url, await reason(url)]).toEqual([url, 'private-address']);
    }
    expect(await reason('http://172.32.0.1/')).toBe('ok');
    expect(await reason('http://8.8.8.8/')).toBe('ok');
    expect(await reason('http://[2606:4700::1111]/')).toBe('ok');
    expect(await reason('http://[64:ff9b::808:808]/')).toBe('ok');
  });

  it('resolves host names and refuses when any address is private (DNS pointing inside)', async () => {
    const lookup = resolvesTo('93.184.216.34', '10.1.2.3');
    expect(await reason('https://rebind.example.com/', { ...strict, lookup })).toBe('private-address');
    expect(await reason('https://inside.example.com/', { ...strict, lookup: resolvesTo('::1') })).toBe(
      'private-address',
    );
    // The real resolver: localhost is loopback.
    expect(await reason('http://localhost:3000/hooks')).toBe('private-address');
  });

  it('reports a host that does not resolve', async () => {
    const failing: HostLookup = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' });
    };
    expect(await reason('https://nowhere.invalid/', { ...strict, lookup: failing })).toBe('unresolvable');
    expect(await reason('https://empty.example/', { ...strict, lookup: resolvesTo() })).toBe('unresolvable');
  });

  it('allows private targets when configured (development, tests), without resolving', async () => {
    const lookup: HostLookup = async () => {
      throw new Error('must not be called');
    };
    const options = { allowPrivate: true, requireHttps: false, lookup };
    expect(await reason('http://127.0.0.1:4000/hooks', options)).toBe('ok');
    expect(await reason('http://receiver.internal/hooks', options)).toBe('ok');
    // Still an http(s) URL without credentials, and https when required.
    expect(await reason('ftp://127.0.0.1/', options)).toBe('invalid');
    expect(await reason('http://127.0.0.1/', { ...options, requireHttps: true })).toBe('https-required');
  });

  it('classifies addresses', () => {
    expect(isPrivateAddress('127.0.0.1')).toBe(true);
    expect(isPrivateAddress('198.51.100.7')).toBe(true);
    expect(isPrivateAddress('1.1.1.1')).toBe(false);
    expect(isPrivateAddress('::ffff:8.8.8.8')).toBe(false);
    expect(isPrivateAddress('not-an-ip')).toBe(true);
  });

  it('pins the connection to the checked addresses, in both lookup shapes', () => {
    const lookup = pinnedLookup([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ]);
    const calls: unknown[][] = [];
    lookup('evil.example', { all: true }, (...args) => calls.push(args));
    lookup('evil.example', { family: 6 }, (...args) => calls.push(args));
    lookup('evil.example', 4, (...args) => calls.push(args));
    expect(calls).toEqual([
      [
        null,
        [
          { address: '93.184.216.34', family: 4 },
          { address: '2606:2800:220:1::1', family: 6 },
        ],
      ],
      [null, '2606:2800:220:1::1', 6],
      [null, '93.184.216.34', 4],
    ]);
  });
});
