import { Resolver } from 'node:dns/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { startDnsServer } from './dns-server.ts';

const dns = await startDnsServer();
afterAll(() => dns.close());
const resolver = new Resolver({ timeout: 1000, tries: 1 });
resolver.setServers([dns.address]);

describe('dev DNS server', () => {
  it('answers TXT records, one per entry, whatever the case of the name', async () => {
    dns.records.set('_immersio-booking.book.test', ['v=spf1 -all', 'immersio-booking-verify=abc']);
    const records = await resolver.resolveTxt('_immersio-booking.BOOK.test');
    expect(records.map((parts) => parts.join(''))).toEqual(['v=spf1 -all', 'immersio-booking-verify=abc']);
  });

  it('splits a record longer than 255 bytes into strings, as DNS requires', async () => {
    const long = 'x'.repeat(300);
    dns.records.set('long.test', [long]);
    const [record] = await resolver.resolveTxt('long.test');
    expect(record!.map((part) => part.length)).toEqual([255, 45]);
    expect(record!.join('')).toBe(long);
  });

  it('says NXDOMAIN for a name it does not hold', async () => {
    await expect(resolver.resolveTxt('nobody.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});
