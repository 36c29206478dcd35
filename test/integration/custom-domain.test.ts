import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { startDnsServer } from '../../dev/dns-server/dns-server.ts';
import { addSignedInMember, createTenant, trpcError, useTestApp } from '../support/app.ts';

// A school's own domain (issue 20, part 2): claimed, verified by a DNS TXT record (served here by
// dev/dns-server), and answered for by the TLS-ask endpoint the reverse proxy calls.

const dns = await startDnsServer();
const app = useTestApp({ env: { DNS_SERVERS: dns.address } });
afterAll(() => dns.close());

let made = 0;
const domainFor = () => `book${++made}.school-${process.pid}.test`;
const ask = (domain: string) =>
  fetch(`${app.baseUrl}/api/v1/domains/tls-ask?domain=${encodeURIComponent(domain)}`);

/** A GET with the given Host header (fetch does not let a caller choose it). */
function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  const url = new URL(path, app.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function verifiedSchool() {
  const t = await createTenant(app, { name: 'Escuela Propia' });
  const domain = domainFor();
  const claim = await t.owner.client.immersio.landing.setCustomDomain.mutate({ domain });
  if (claim.domain === null) throw new Error('expected a claim');
  dns.records.set(claim.record.name, [claim.record.value]);
  await t.owner.client.immersio.landing.verifyCustomDomain.mutate({});
  await t.owner.client.immersio.landing.publish.mutate({});
  return { t, domain };
}

describe('custom domains', () => {
  it('a verified domain serves the school’s site by Host; a claimed one not yet verified is 404', async () => {
    const { t, domain } = await verifiedSchool();
    const landing = await getWithHost('/', domain);
    expect(landing.status).toBe(200);
    expect(landing.body).toContain('Escuela Propia');
    // Its address there is the school's own domain: canonical and language alternates.
    expect(landing.body).toContain(`<link rel="canonical" href="https://${domain}`);
    expect(landing.body).not.toContain(`href="http://localhost:3000/${t.slug}`);
    // The port a proxy may leave on the Host is ignored, and case does not matter.
    expect((await getWithHost('/', `${domain.toUpperCase()}:443`)).status).toBe(200);
    // The same page as under the service's own address, where it stays too, with that address.
    const underPath = await fetch(`${app.baseUrl}/${t.slug}`);
    expect(underPath.status).toBe(200);
    expect(await underPath.text()).toContain(`<link rel="canonical" href="http://localhost:3000/${t.slug}`);
    // A workshop page on the domain: its canonical address is there too.
    const workshop = await t.owner.client.immersio.workshop.create.mutate({
      title: 'Clase Propia',
      duration: 60,
      price: 0,
      seats: 5,
      locations: [{ type: 'link', link: 'https://meet.example.com/propia' }],
      teacherId: t.owner.id,
      startTime: new Date(Date.now() + 5 * 86_400_000),
      timeZone: 'Europe/Madrid',
      recurrence: { frequency: 'none' },
    });
    const page = new URL(workshop.bookingUrl).pathname.replace(`/${t.slug}`, '');
    const onDomain = await getWithHost(page, domain);
    expect(onDomain.status).toBe(200);
    expect(onDomain.body).toContain(`<link rel="canonical" href="https://${domain}${page}`);
    const passes = await getWithHost('/passes', domain);
    expect(passes.body).toContain(`<link rel="canonical" href="https://${domain}/passes`);

    const pending = domainFor();
    const other = await createTenant(app);
    await other.owner.client.immersio.landing.setCustomDomain.mutate({ domain: pending });
    await other.owner.client.immersio.landing.publish.mutate({});
    expect((await getWithHost('/', pending)).status).toBe(404);
    // The API is the same on every host.
    expect((await getWithHost('/api/health', domain)).status).toBe(200);
  });

  it('claims a domain, stays pending without the record, verifies with it; the proxy may then ask', async () => {
    const t = await createTenant(app);
    const domain = domainFor();
    expect(await t.owner.client.immersio.landing.getCustomDomain.query({})).toEqual({ domain: null });
    const claimed = await t.owner.client.immersio.landing.setCustomDomain.mutate({
      domain: ` ${domain.toUpperCase()} `,
    });
    if (claimed.domain === null) throw new Error('expected a claim');
    expect(claimed).toMatchObject({ domain, status: 'pending', verifiedAt: null, checkError: null });
    expect(claimed.record).toEqual({
      type: 'TXT',
      name: `_immersio-booking.${domain}`,
      value: expect.stringMatching(/^immersio-booking-verify=[\w-]{32}$/),
    });
    expect((await ask(domain)).status).toBe(404);

    const early = await t.owner.client.immersio.landing.verifyCustomDomain.mutate({});
    expect(early).toMatchObject({
      status: 'pending',
      checkError: `No TXT record found at _immersio-booking.${domain}`,
    });
    dns.records.set(claimed.record.name, ['v=spf1 -all']);
    const wrong = await t.owner.client.immersio.landing.verifyCustomDomain.mutate({});
    expect(wrong).toMatchObject({ status: 'pending', checkError: expect.stringContaining('does not hold') });

    dns.records.set(claimed.record.name, ['v=spf1 -all', claimed.record.value]);
    const verified = await t.owner.client.immersio.landing.verifyCustomDomain.mutate({});
    expect(verified).toMatchObject({ status: 'verified', checkError: null, verifiedAt: expect.any(Date) });
    const answer = await ask(domain);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ domain, verified: true });
    // The same domain again keeps its verification; giving it up ends it.
    expect(await t.owner.client.immersio.landing.setCustomDomain.mutate({ domain })).toMatchObject({
      status: 'verified',
    });
    await t.owner.client.immersio.landing.setCustomDomain.mutate({ domain: null });
    expect((await ask(domain)).status).toBe(404);
  });

  it('a domain verified by one school is CONFLICT for another', async () => {
    const [a, b] = [await createTenant(app), await createTenant(app)];
    const domain = domainFor();
    const claimA = await a.owner.client.immersio.landing.setCustomDomain.mutate({ domain });
    const claimB = await b.owner.client.immersio.landing.setCustomDomain.mutate({ domain });
    if (claimA.domain === null || claimB.domain === null) throw new Error('expected claims');
    // Both claims have their own token: publishing one school's record does not verify the other.
    expect(claimA.record.value).not.toBe(claimB.record.value);
    dns.records.set(claimA.record.name, [claimA.record.value, claimB.record.value]);
    await a.owner.client.immersio.landing.verifyCustomDomain.mutate({});
    const refused = await trpcError(b.owner.client.immersio.landing.verifyCustomDomain.mutate({}));
    expect(refused).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
    expect(await b.owner.client.immersio.landing.getCustomDomain.query({})).toMatchObject({
      status: 'pending',
    });
  });

  it('refuses bad names and the service’s own hosts; verify without a claim is NOT_FOUND', async () => {
    const t = await createTenant(app);
    for (const domain of ['not a domain', 'localhost', '-bad.example.test', `x.${'a'.repeat(64)}.test`]) {
      const refused = await trpcError(t.owner.client.immersio.landing.setCustomDomain.mutate({ domain }));
      expect(refused).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    }
    // PUBLIC_BASE_URL is http://localhost:3000 in the tests; a subdomain of it is ours too.
    const ours = await trpcError(
      t.owner.client.immersio.landing.setCustomDomain.mutate({ domain: 'evil.localhost' }),
    );
    expect(ours).toMatchObject({
      appCode: 'VALIDATION_ERROR',
      message: expect.stringContaining('booking service'),
    });
    const none = await trpcError(t.owner.client.immersio.landing.verifyCustomDomain.mutate({}));
    expect(none).toMatchObject({ appCode: 'NOT_FOUND', httpStatus: 404 });
    expect((await ask('not a domain')).status).toBe(400);
  });

  it('is for admins: a MEMBER is FORBIDDEN, and each school sees only its own claim', async () => {
    const t = await createTenant(app);
    const other = await createTenant(app);
    await other.owner.client.immersio.landing.setCustomDomain.mutate({ domain: domainFor() });
    const member = await addSignedInMember(app, t.tenantId);
    for (const call of [
      member.client.immersio.landing.getCustomDomain.query({}),
      member.client.immersio.landing.setCustomDomain.mutate({ domain: domainFor() }),
      member.client.immersio.landing.verifyCustomDomain.mutate({}),
    ]) {
      expect(await trpcError(call)).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    }
    expect(await t.owner.client.immersio.landing.getCustomDomain.query({})).toEqual({ domain: null });
  });
});
