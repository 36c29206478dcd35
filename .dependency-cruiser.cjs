// The rules `npm run lint` enforces on src/ (ARCHITECTURE.md explains them). Domains depend one
// way, from the bottom of this list to the top:
const layers = [
  ['src/env\\.ts$', 'src/lib/'],
  ['src/db/'],
  ['src/modules/outbox/'],
  ['src/modules/auth/'],
  ['src/modules/tenants/'],
  ['src/modules/api-keys/'],
  ['src/modules/viewer/'],
  ['src/modules/availability/'],
  ['src/modules/(workshops|landing)/'],
  ['src/modules/public/'],
  ['src/modules/passes/'],
  ['src/modules/bookings/'],
  ['src/modules/immersio/'],
  ['src/modules/(web|health)/'],
  ['src/(http|trpc|seed)/', 'src/(app|cli|container|main|server)\\.ts$'],
];

// The edge of each domain: tRPC procedures and routers, Fastify routes. They may use the transport
// kit (src/trpc, src/http) and see the wired container's type; nothing else in a domain may.
const transport = ['\\.routes\\.ts$', '\\.router\\.ts$', '/procedures/'];
const kit = ['src/trpc/(init|procedures|context)\\.ts$', 'src/http/'];

const layerRules = layers.slice(0, -1).map((paths, i) => ({
  name: `layer-${i}`,
  severity: 'error',
  comment: `${paths.join(' ')} may not import from a layer above it`,
  from: { path: paths, pathNot: transport },
  to: { path: layers.slice(i + 1).flat() },
}));
const transportRules = layers.slice(0, -1).map((paths, i) => ({
  name: `transport-layer-${i}`,
  severity: 'error',
  comment: `the routes and procedures of ${paths.join(' ')} may use the kit, not a domain above theirs`,
  from: { path: paths.map((p) => `${p}.*(${transport.map((t) => t.replace(/^\//, '')).join('|')})`) },
  to: {
    path: layers.slice(i + 1).flat(),
    pathNot: [...kit, 'src/container\\.ts$'],
  },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'a cycle, even through types, means two files are one unit or the layers are wrong',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...layerRules,
    ...transportRules,
    {
      name: 'container-only-at-the-edge',
      severity: 'error',
      comment: 'only the wiring and the transport edge see the whole container',
      from: { path: '^src/', pathNot: [...transport, ...kit, 'src/(app|server|container)\\.ts$'] },
      to: { path: 'src/container\\.ts$' },
    },
    {
      name: 'repo-inside-its-domain',
      severity: 'error',
      comment: 'a repo is used only inside its domain',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '\\.repo\\.ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'repo-only-from-the-domain',
      severity: 'error',
      comment: 'outside src/modules nothing queries through a repo (the seed writes through services)',
      from: { path: '^src/', pathNot: ['^src/modules/'] },
      to: { path: '\\.repo\\.ts$' },
    },
    {
      name: 'pages-never-call-repos',
      severity: 'error',
      comment: 'pages, routes and procedures call use cases, never a repo',
      from: { path: ['^src/modules/web/', ...transport] },
      to: { path: '\\.repo\\.ts$' },
    },
    {
      name: 'core-without-transport',
      severity: 'error',
      comment: 'services, use cases and repos import neither tRPC nor Fastify',
      from: { path: '^src/modules/', pathNot: [...transport, '^src/modules/(web|health)/'] },
      to: { path: ['^src/(trpc|http)/', 'node_modules/(fastify|@fastify|@trpc)/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.test\\.ts$', 'src/db/migrations/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'node', 'default'] },
  },
};
