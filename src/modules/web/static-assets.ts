import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

function load(name: string): string {
  return readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
}

/** The shared stylesheet, inlined into every public page (see layout.ts). */
export const SITE_CSS = minifyCss(load('site.css'));

const SCRIPT = Buffer.from(load('site.js'));
const scriptHash = createHash('sha256').update(SCRIPT).digest('hex').slice(0, 12);

/** The content-hashed path of the one script, so it can be cached forever. */
export const siteScriptPath = `/assets/site.${scriptHash}.js`;

export interface StaticAsset {
  path: string;
  type: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

export const STATIC_ASSETS: StaticAsset[] = [
  {
    path: siteScriptPath,
    type: 'text/javascript; charset=utf-8',
    identity: SCRIPT,
    br: brotliCompressSync(SCRIPT, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(SCRIPT, { level: 9 }),
  },
];

/** Comments and layout whitespace only: the sheet is written by us, never from input. */
function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s*\n\s*/g, '')
    .replace(/\s*([{};:,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}
