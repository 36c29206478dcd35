import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

function load(name: string): string {
  return readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
}

/** The shared stylesheet, inlined into every public page (see layout.ts). */
export const SITE_CSS = minifyCss(load('site.css'));

const SCRIPT = Buffer.from(load('site.js'));
const FRAME_SCRIPT = Buffer.from(load('embed-frame.js'));
const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);

/** The content-hashed path of the public pages' script, so it can be cached forever. */
export const siteScriptPath = `/assets/site.${hashOf(SCRIPT)}.js`;
/** The script of pages shown inside a school's website (issue 20), content-hashed the same way. */
export const embedFrameScriptPath = `/assets/embed-frame.${hashOf(FRAME_SCRIPT)}.js`;

export interface StaticAsset {
  path: string;
  type: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

export function scriptAsset(path: string, identity: Buffer): StaticAsset {
  return {
    path,
    type: 'text/javascript; charset=utf-8',
    identity,
    br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(identity, { level: 9 }),
  };
}

export const STATIC_ASSETS: StaticAsset[] = [
  scriptAsset(siteScriptPath, SCRIPT),
  scriptAsset(embedFrameScriptPath, FRAME_SCRIPT),
];

/** A script from the assets folder, as written (embed.js takes the service's address at boot). */
export function loadAsset(name: string): string {
  return load(name);
}

/** Comments and layout whitespace only: the sheet is written by us, never from input. */
function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s*\n\s*/g, '')
    .replace(/\s*([{};:,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}
