// Adds or replaces messages in every catalogue at once: `node scripts/i18n-add.ts new.json`, where
// new.json is `{"en": {"page.key": "…"}, "es": {…}, …}` naming every language. Keys are kept sorted,
// so catalogues diff cleanly. `npm run lint` then checks keys and placeholders.
import { readFileSync, writeFileSync } from 'node:fs';
import { LOCALES } from '../src/lib/i18n/locales.schema.ts';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/i18n-add.ts <messages.json>');
  process.exit(2);
}
const additions = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
const english = Object.keys(additions.en ?? {});
for (const locale of LOCALES) {
  const added = additions[locale] ?? {};
  const missing = english.filter((key) => added[key] === undefined);
  if (missing.length > 0) {
    console.error(`${locale} lacks ${missing.join(', ')}`);
    process.exit(1);
  }
}
for (const locale of LOCALES) {
  const path = new URL(`../src/lib/i18n/messages/${locale}.json`, import.meta.url);
  const catalogue = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  Object.assign(catalogue, additions[locale]);
  const sorted = Object.fromEntries(
    Object.entries(catalogue).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  writeFileSync(path, `${JSON.stringify(sorted, null, 2)}\n`);
}
console.log(`added ${english.length} message(s) to ${LOCALES.length} catalogues`);
