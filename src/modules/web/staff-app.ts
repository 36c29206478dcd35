import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pickEncoding } from './web-http.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

interface Asset {
  type: string;
  identity: Buffer;
  br: Buffer | undefined;
  gzip: Buffer | undefined;
}

export interface StaffAppBuild {
  /** index.html with the nonce placeholder Vite wrote (`html.cspNonce` in app/vite.config.ts). */
  indexHtml: string;
  assets: Map<string, Asset>;
}

const NONCE_PLACEHOLDER = /CSP_NONCE_PLACEHOLDER/g;

/** Reads a build of app/ (dist/app by default): index.html and the hashed assets with their compressed copies. */
export function loadStaffAppBuild(dir: string): StaffAppBuild | null {
  const indexPath = join(dir, 'index.html');
  if (!existsSync(indexPath)) return null;
  const assets = new Map<string, Asset>();
  const assetsDir = join(dir, 'assets');
  if (existsSync(assetsDir)) {
    for (const name of readdirSync(assetsDir)) {
      if (name.endsWith('.br') || name.endsWith('.gz')) continue;
      const path = join(assetsDir, name);
      const optional = (suffix: string) =>
        existsSync(path + suffix) ? readFileSync(path + suffix) : undefined;
      assets.set(name, {
        type: TYPES[extname(name)] ?? 'application/octet-stream',
        identity: readFileSync(path),
        br: optional('.br'),
        gzip: optional('.gz'),
      });
    }
  }
  return { indexHtml: readFileSync(indexPath, 'utf8'), assets };
}

/** Scripts and styles only from this origin; a <style> element only with this page's nonce. */
export function staffAppCsp(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' https: data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The staff app under /app: hashed assets cached for a year and sent pre-compressed, and every
 * other /app path answered with index.html (client-side routes), carrying a fresh CSP nonce.
 */
export function registerStaffApp(app: FastifyInstance, build: StaffAppBuild | null): void {
  app.get<{ Params: { '*': string } }>('/app/assets/*', async (req, reply) => {
    const asset = build?.assets.get(req.params['*']);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    const encoding = pickEncoding(req.headers['accept-encoding']);
    const body = encoding === 'br' ? asset.br : encoding === 'gzip' ? asset.gzip : undefined;
    void reply.headers({
      'content-type': asset.type,
      'cache-control': 'public, max-age=31536000, immutable',
      vary: 'Accept-Encoding',
    });
    if (body && encoding) return reply.header('content-encoding', encoding).send(body);
    return reply.send(asset.identity);
  });

  const page = async (_req: FastifyRequest, reply: FastifyReply) => {
    if (!build) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The staff app is not built yet: run `npm run build:app` (npm start does it for you).');
    }
    const nonce = randomBytes(16).toString('base64');
    return reply
      .headers({
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': staffAppCsp(nonce),
        'cache-control': 'no-store',
        'referrer-policy': 'same-origin',
        'x-frame-options': 'DENY',
        'cross-origin-opener-policy': 'same-origin',
        'x-robots-tag': 'noindex',
      })
      .send(build.indexHtml.replace(NONCE_PLACEHOLDER, nonce));
  };
  app.get('/app', page);
  app.get('/app/*', page);
}
