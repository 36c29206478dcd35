#!/usr/bin/env bash
# The Docker image's runtime stage without Docker (images cannot be pulled here): the files the
# Dockerfile copies, a clean `npm ci --omit=dev` into a temporary folder, `npm start` on a fresh
# PostgreSQL database until /api/ready answers 200 (asked exactly as the image's HEALTHCHECK
# asks), then SIGTERM and a clean exit. Needs dist/app (built here when missing) and PostgreSQL.
#   CHECK_PG_URL   server to create the throwaway database on (default postgres://postgres@127.0.0.1:5432)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
started=$(date +%s)
elapsed() { echo "$(($(date +%s) - started)) s"; }
fail() {
  echo "check-production-install: FAILED after $(elapsed): $*" >&2
  [ -f "${log:-}" ] && tail -n 40 "$log" >&2
  exit 1
}

pg_url=${CHECK_PG_URL:-postgres://postgres@127.0.0.1:5432}
node24=$(readlink -f "$repo/node_modules/.bin/node")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ibs-prod-install.XXXXXX")
db="ibs_prod_check_$$_$(date +%s)"
log="$tmp/server.log"
server=""
cleanup() {
  # npm start runs in its own process group (setsid): whatever is left of it goes.
  if [ -n "$server" ]; then kill -KILL -- "-$server" 2>/dev/null || true; fi
  psql "$pg_url/postgres" -qAtc "drop database if exists $db with (force)" >/dev/null 2>&1 || true
  echo "check-production-install: $(elapsed) in all"
  # Deleting ~300 packages' files takes a minute on a busy disk; nothing waits for it.
  nohup rm -rf "$tmp" >/dev/null 2>&1 &
}
trap cleanup EXIT

# Node 24 first on PATH (npm's own `#!/usr/bin/env node` included), as in the node:24 image.
mkdir -p "$tmp/bin" "$tmp/home"
ln -s "$node24" "$tmp/bin/node"
export PATH="$tmp/bin:$PATH"
[ "$(node -p 'process.versions.node.split(".")[0]')" = 24 ] || fail "Node 24 not found at $node24"

[ -f "$repo/dist/app/index.html" ] || (cd "$repo" && npm run build:app)

# What the Dockerfile's runtime stage copies: tracked (or new, unignored) files, no tests.
app="$tmp/app"
mkdir -p "$app/dist"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard -- \
  package.json package-lock.json src dev scripts/build-app.ts) |
  grep -zv '\.test\.ts$' |
  (cd "$repo" && xargs -0 cp --parents -t "$app/")
cp -r "$repo/dist/app" "$app/dist/app"

echo "== npm ci --omit=dev (same flags as the image)"
(cd "$app" && npm ci --omit=dev --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel=error) ||
  fail "npm ci --omit=dev"
[ ! -e "$app/node_modules/@biomejs/biome" ] || fail "a devDependency was installed"

echo "== every package the service imports resolves without devDependencies"
cat >"$app/.check-imports.mjs" <<'EOF'
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const specifiers = new Set();
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (path.endsWith('.ts')) {
      const text = readFileSync(path, 'utf8');
      // Erased at run time: `import type …` and `export type … from`.
      const statics = text.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^;]*?\bfrom\s+'([^']+)'/gms);
      const dynamics = text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g);
      const sideEffects = text.matchAll(/^\s*import\s+'([^']+)'/gm);
      for (const [, spec] of [...statics, ...dynamics, ...sideEffects]) {
        if (!spec.startsWith('.') && !spec.startsWith('node:')) specifiers.add(spec);
      }
    }
  }
};
for (const dir of ['src', 'dev', 'scripts']) walk(dir);
const missing = [...specifiers].filter((spec) => {
  try {
    import.meta.resolve(spec);
    return false;
  } catch {
    return true;
  }
});
console.log(`${specifiers.size} packages imported, ${missing.length} missing ${missing.join(' ')}`);
process.exit(missing.length ? 1 : 0);
EOF
(cd "$app" && node .check-imports.mjs) || fail "imports that do not resolve"

echo "== npm start on a fresh PostgreSQL database ($db)"
psql "$pg_url/postgres" -v ON_ERROR_STOP=1 -qAtc "create database $db" || fail "cannot create $db"
port=$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
# A clean environment, as in a container: only what the service is given.
(cd "$app" && exec setsid env -i PATH="$PATH" HOME="$tmp/home" NPM_CONFIG_UPDATE_NOTIFIER=false \
  NODE_ENV=production HOST=127.0.0.1 PORT="$port" DATA_DIR="$tmp/data" \
  DATABASE_URL="$pg_url/$db" APP_SECRET="$(node -p "require('node:crypto').randomBytes(32).toString('hex')")" \
  PUBLIC_BASE_URL="http://127.0.0.1:$port" TRUST_PROXY=loopback LOG_LEVEL=info \
  npm start >"$log" 2>&1) &
server=$!

# The image's HEALTHCHECK command, word for word.
healthcheck="fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/ready',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
deadline=$(($(date +%s) + 90))
until PORT="$port" node -e "$healthcheck"; do
  kill -0 "$server" 2>/dev/null || fail "npm start exited before /api/ready answered"
  [ "$(date +%s)" -lt "$deadline" ] || fail "/api/ready did not answer 200 within 90 s"
  sleep 1
done
echo "ready after $(elapsed): $(node -e "fetch('http://127.0.0.1:$port/api/ready').then(r=>r.text()).then(console.log)")"

# SIGTERM to npm only, as `docker stop` sends it to PID 1: the start script's `exec` lets npm hand
# it to the service (without it npm's shell dies and leaves the service running, orphaned).
kill -TERM "$server"
deadline=$(($(date +%s) + 15))
while kill -0 "$server" 2>/dev/null; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "still running 15 s after SIGTERM"
  sleep 0.2
done
wait "$server" && code=0 || code=$?
[ "$code" = 0 ] || fail "exit code $code after SIGTERM"
grep -q 'stopped cleanly' "$log" || fail "no 'stopped cleanly' in the log"
if pgrep -g "$server" >/dev/null; then fail "a process of npm start outlived it"; fi
echo "check-production-install: OK after $(elapsed) (clean exit after SIGTERM)"
