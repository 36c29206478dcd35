import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

/**
 * The staff app reads the service's own catalogues (src/lib/i18n/messages/<tag>.json, issue 18), but
 * only the messages it shows: `app.*` (its screens) and `error.*` (the spec's error codes). Each
 * language is its own chunk, loaded when chosen, so a French user never downloads German.
 *
 * Messages arrive parsed (ICU syntax trees, as formatjs recommends): the browser then needs no
 * message parser, which would otherwise weigh more than every screen's own code (see vite.config.ts).
 *
 * `virtual:app-messages` exports `{ <tag>: { 'signed-out': () => import(…), staff: () => import(…) } }`
 * for every catalogue file present, so adding a language needs nothing here.
 */
const INDEX = 'virtual:app-messages';
const PREFIX = `${INDEX}/`;
const RESOLVED = '\0app-messages';
const SHOWN = /^(app|error)\./;
/**
 * What the signed-out screens (sign-in, sign-up, password reset) show: a chunk of its own, so the
 * sign-in screen does not download every staff screen's texts.
 */
const SIGNED_OUT = /^(app\.(auth|ui|forms)\.|error\.)/;
const PARTS = {
  'signed-out': (key: string) => SIGNED_OUT.test(key),
  staff: (key: string) => !SIGNED_OUT.test(key),
};
type Part = keyof typeof PARTS;

export function appMessages(messagesDir: string): Plugin {
  const tags = () =>
    readdirSync(messagesDir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length));
  return {
    name: 'immersio-app-messages',
    resolveId(id) {
      if (id === INDEX) return RESOLVED;
      if (id.startsWith(PREFIX)) return `${RESOLVED}/${id.slice(PREFIX.length)}`;
      return undefined;
    },
    load(id) {
      if (id === RESOLVED) {
        const entries = tags().map((tag) => {
          const parts = Object.keys(PARTS).map(
            (part) => `${JSON.stringify(part)}: () => import(${JSON.stringify(`${PREFIX}${tag}/${part}`)})`,
          );
          return `${JSON.stringify(tag)}: {${parts.join(',')}}`;
        });
        return `export default {${entries.join(',')}};`;
      }
      if (!id.startsWith(`${RESOLVED}/`)) return undefined;
      const [tag = '', part = ''] = id.slice(RESOLVED.length + 1).split('/');
      if (!tags().includes(tag)) throw new Error(`No catalogue for ${tag} in ${messagesDir}`);
      if (!(part in PARTS)) throw new Error(`No part ${part} of the staff app's messages`);
      const inPart = PARTS[part as Part];
      const file = join(messagesDir, `${tag}.json`);
      this.addWatchFile(file);
      const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      const shown = Object.fromEntries(
        Object.entries(all)
          .filter(([key]) => SHOWN.test(key) && inPart(key))
          .map(([key, message]) => [key, parse(message)]),
      );
      return `export default ${JSON.stringify(shown)};`;
    },
  };
}
