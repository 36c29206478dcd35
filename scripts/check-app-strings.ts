// `npm run lint`'s check that the staff app writes no words of its own (issue 18): every text a
// user reads comes from the catalogues through `t(…)` / `<Message>`. It flags JSX text, the props
// that carry visible text, and the first argument of `toast(…)` when they hold a literal word.
// Run with folders or files to check only those: `node scripts/check-app-strings.ts app/src/features/team`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const VISIBLE_PROPS = new Set([
  'aria-label',
  'aria-description',
  'placeholder',
  'title',
  'alt',
  'label',
  'description',
  'hint',
  'legend',
  'heading',
  'confirmLabel',
  'cancelLabel',
  'failureMessage',
  'emptyText',
  'pendingLabel',
]);
// Names that read the same in every language.
const SAME_EVERYWHERE = new Set([
  'Immersio',
  'Stripe',
  'Zoom',
  'Google',
  'Meet',
  'CSV',
  'ICS',
  'API',
  'URL',
  'UTC',
  'SSO',
]);

function hasWords(text: string): boolean {
  const words = text.match(/\p{L}{2,}/gu) ?? [];
  return words.some((word) => !SAME_EVERYWHERE.has(word));
}

function* sourceFiles(path: string): Generator<string> {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path)) yield* sourceFiles(join(path, name));
  } else if (/\.tsx?$/.test(path) && !/\.(test|d)\.tsx?$/.test(path)) yield path;
}

function literalText(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isJsxExpression(node)) return literalText(node.expression);
  return undefined;
}

export function findLiteralStrings(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${relative(root, file)}:${line + 1}: ${JSON.stringify(text.trim().slice(0, 70))}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && VISIBLE_PROPS.has(node.name.getText(source))) {
      const text = literalText(node.initializer);
      if (text !== undefined && hasWords(text)) report(node, text);
    }
    if (ts.isCallExpression(node) && node.expression.getText(source) === 'toast') {
      const text = literalText(node.arguments[0]);
      if (text !== undefined && hasWords(text)) report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const targets = process.argv.slice(2);
const problems = (targets.length > 0 ? targets : [join(root, 'app', 'src')]).flatMap((target) =>
  [...sourceFiles(target)].flatMap(findLiteralStrings),
);
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(
    `\n${problems.length} text(s) in the staff app not taken from the catalogues (see app/src/lib/i18n)`,
  );
  process.exit(1);
}
console.log('staff app: every visible text comes from the catalogues');
