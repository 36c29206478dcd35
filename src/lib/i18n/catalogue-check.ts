import { readdirSync } from 'node:fs';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { CATALOGUES, ENGLISH } from './catalogues.ts';
import { LOCALES } from './locales.schema.ts';

// The build's check of the message catalogues (npm run lint, and a unit test): every language has
// every English key and no other, each message parses as ICU MessageFormat, and its placeholders
// (names and kinds: text, number, date, plural, select, tags) are exactly English's.

/** "name:kind" for every placeholder in a message, sorted; nested plural/select branches too. */
export function placeholders(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      switch (element.type) {
        case TYPE.argument:
          found.add(`${element.value}:text`);
          break;
        case TYPE.number:
        case TYPE.date:
        case TYPE.time:
          found.add(`${element.value}:${TYPE[element.type]}`);
          break;
        case TYPE.plural:
        case TYPE.select:
          found.add(`${element.value}:${TYPE[element.type]}`);
          for (const option of Object.values(element.options)) walk(option.value);
          break;
        case TYPE.tag:
          found.add(`<${element.value}>:tag`);
          walk(element.children);
          break;
        default:
          break;
      }
    }
  };
  walk(parse(message));
  return [...found].sort();
}

/** Every problem with the catalogues, as lines a person can act on; none when they are sound. */
export function checkCatalogues(): string[] {
  const problems: string[] = [];
  for (const file of readdirSync(new URL('./messages/', import.meta.url))) {
    const tag = file.replace(/\.json$/, '');
    if (!(LOCALES as readonly string[]).includes(tag)) {
      problems.push(`messages/${file}: add '${tag}' and its name to LOCALES in locales.schema.ts`);
    }
  }
  const english = new Map<string, string[]>();
  for (const [key, message] of Object.entries(ENGLISH)) {
    try {
      english.set(key, placeholders(message));
    } catch (error) {
      problems.push(`en: ${key} does not parse: ${(error as Error).message}`);
    }
  }
  for (const locale of LOCALES) {
    if (locale === 'en') continue;
    const catalogue: Record<string, string | undefined> = CATALOGUES[locale];
    for (const key of Object.keys(ENGLISH)) {
      if (catalogue[key] === undefined) problems.push(`${locale}: missing ${key}`);
    }
    for (const [key, message] of Object.entries(catalogue)) {
      if (message === undefined) continue;
      const expected = english.get(key);
      if (!(key in ENGLISH)) {
        problems.push(`${locale}: ${key} is not in the English catalogue`);
        continue;
      }
      let actual: string[];
      try {
        actual = placeholders(message);
      } catch (error) {
        problems.push(`${locale}: ${key} does not parse: ${(error as Error).message}`);
        continue;
      }
      if (expected && actual.join(' ') !== expected.join(' ')) {
        problems.push(
          `${locale}: ${key} has placeholders [${actual.join(', ')}], English [${expected.join(', ')}]`,
        );
      }
    }
  }
  return problems;
}
