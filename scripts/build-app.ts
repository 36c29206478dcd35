// Builds the staff app (app/ → dist/app) when its sources changed since the last build, then
// writes brotli and gzip copies of every asset so the server never compresses them per request.
// Run by `npm start` (prestart), `npm run build:app`, and the browser tests' setup.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const appDir = join(root, 'app');
export const APP_DIST = join(root, 'dist', 'app');
const STAMP = join(APP_DIST, '.build-stamp');
/** Bumped when the way the bundle is built changes, so older builds are made again. */
const BUILD_RECIPE = '3';
const COMPRESSIBLE = /\.(js|css|svg|json|txt|map)$/;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

/**
 * What the bundle depends on: the app's files, the lock file, the procedures' zod schemas (`src/`
 * files named `*.schema.ts`, the only server code the app may import at run time; lint enforces
 * it) and the `src/lib` helpers they import.
 */
function sourceStamp(): string {
  const hash = createHash('sha256').update(BUILD_RECIPE);
  // The schemas import small helpers from src/lib (zone and id checks), which the bundle holds too.
  const lib = join(root, 'src', 'lib');
  const schemas = [...files(join(root, 'src'))].filter(
    (path) =>
      path.endsWith('.schema.ts') ||
      (path.startsWith(lib) && (path.endsWith('.ts') || path.endsWith('.json'))),
  );
  const inputs = [
    ...files(appDir),
    ...schemas,
    join(root, 'package-lock.json'),
    join(root, 'scripts', 'build-app.ts'),
  ].sort();
  for (const path of inputs) {
    hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * A production install (the Docker image's runtime stage) ships dist/app from its build stage
 * without the app's sources or the build tools; `npm start` then serves that build as it is.
 */
function prebuiltOnly(): boolean {
  if (!existsSync(join(APP_DIST, 'index.html'))) return false;
  if (!existsSync(appDir)) return true;
  try {
    import.meta.resolve('vite');
    return false;
  } catch {
    return true;
  }
}

export async function ensureAppBuilt(
  options: { force?: boolean; quiet?: boolean } = {},
): Promise<'built' | 'fresh'> {
  if (!options.force && prebuiltOnly()) return 'fresh';
  const stamp = sourceStamp();
  const upToDate =
    existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp && existsSync(join(APP_DIST, 'index.html'));
  if (upToDate && !options.force) return 'fresh';
  const started = performance.now();
  const { build } = await import('vite');
  // Vite keeps a NODE_ENV it finds (vitest sets 'test'), and React would then ship its development
  // build: a production bundle is built under 'production' whoever calls this.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(appDir, 'vite.config.ts'),
      logLevel: options.quiet ? 'error' : 'warn',
      mode: 'production',
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  let raw = 0;
  let gz = 0;
  for (const path of files(join(APP_DIST, 'assets'))) {
    if (!COMPRESSIBLE.test(path)) continue;
    const body = readFileSync(path);
    const gzipped = gzipSync(body, { level: 9 });
    writeFileSync(`${path}.gz`, gzipped);
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    raw += statSync(path).size;
    gz += gzipped.length;
  }
  writeFileSync(STAMP, stamp);
  if (!options.quiet) {
    const ms = Math.round(performance.now() - started);
    console.log(
      `staff app built in ${ms} ms: ${(raw / 1024).toFixed(0)} KB of assets, ${(gz / 1024).toFixed(0)} KB gzip`,
    );
  }
  return 'built';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await ensureAppBuilt({ force: process.argv.includes('--force') });
  if (result === 'fresh') console.log('staff app up to date (dist/app)');
}
