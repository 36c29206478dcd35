// `npm run lint`'s catalogue check (issue 18): fails when a language misses a key, has one English
// does not, or a message's placeholders differ from English's.
import { checkCatalogues } from '../src/lib/i18n/catalogue-check.ts';

const problems = checkCatalogues();
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`\n${problems.length} catalogue problem(s) in src/lib/i18n/messages`);
  process.exit(1);
}
console.log('i18n catalogues: every language has every message with the same placeholders');
