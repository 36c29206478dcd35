import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { loadStaffAppBuild, registerStaffApp } from './staff-app.ts';

const dir = mkdtempSync(join(tmpdir(), 'staff-app-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const INDEX = `<!doctype html><meta property="csp-nonce" nonce="CSP_NONCE_PLACEHOLDER"><script type="module" src="/app/assets/index-abc.js" nonce="CSP_NONCE_PLACEHOLDER"></script>`;
const SCRIPT = 'console.log("staff app");'.repeat(50);
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), INDEX);
writeFileSync(join(dir, 'assets', 'index-abc.js'), SCRIPT);
writeFileSync(join(dir, 'assets', 'index-abc.js.gz'), gzipSync(SCRIPT));

async function serve(build = loadStaffAppBuild(dir)) {
  const app = Fastify();
  registerStaffApp(app, build);
  await app.ready();
  return app;
}

describe('the staff app under /app', () => {
  it('answers every client route with index.html under a fresh nonce and no unsafe-inline', async () => {
    const app = await serve();
    const first = await app.inject('/app/workshops/12?tab=sessions');
    const second = await app.inject('/app');
    for (const response of [first, second]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-store');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
      expect(response.body).not.toContain('CSP_NONCE_PLACEHOLDER');
      expect(response.body.split(`nonce="${nonce}"`)).toHaveLength(3);
    }
    expect(first.headers['content-security-policy']).not.toBe(second.headers['content-security-policy']);
  });

  it('sends hashed assets pre-compressed and cacheable for a year, 404 for unknown ones', async () => {
    const app = await serve();
    const gz = await app.inject({ url: '/app/assets/index-abc.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.statusCode).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gz.headers['content-type']).toContain('text/javascript');
    expect(gz.rawPayload.length).toBeLessThan(SCRIPT.length);
    const plain = await app.inject({
      url: '/app/assets/index-abc.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    expect((await app.inject('/app/assets/missing.js')).statusCode).toBe(404);
    expect((await app.inject('/app/assets/..%2Findex.html')).statusCode).toBe(404);
  });

  it('says how to build it when there is no build', async () => {
    const app = await serve(loadStaffAppBuild(join(dir, 'nothing-here')));
    const response = await app.inject('/app/');
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build:app');
  });
});

// The bundle may carry server code only from zod schema files: anything else would drag the
// server's modules (and its secrets' names) into the browser. Types may come from anywhere.
describe('what the staff app imports from the server', () => {
  it('imports only *.schema.ts files at run time', () => {
    const appSrc = new URL('../../../app/src', import.meta.url).pathname;
    const offenders: string[] = [];
    const walk = (path: string) => {
      for (const name of readdirSync(path)) {
        const full = join(path, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.tsx?$/.test(name)) {
          const source = readFileSync(full, 'utf8');
          for (const match of source.matchAll(
            /^import\s+(?!type\b)[^;]*?from\s+'((?:\.\.\/)+src\/[^']+)'/gms,
          )) {
            if (!match[1]!.endsWith('.schema.ts')) offenders.push(`${full}: ${match[1]}`);
          }
        }
      }
    };
    walk(appSrc);
    expect(offenders).toEqual([]);
  });
});
