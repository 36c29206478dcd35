import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DOCS_PATH, OPENAPI_PATH, openApiDocument } from './document.ts';

// The docs page is Swagger UI from the pinned swagger-ui-dist package, served by this origin (no
// CDN), so its CSP allows scripts and styles from 'self' only: the page has no inline script, the
// initializer below is a file of its own.
const INIT_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '${OPENAPI_PATH}', dom_id: '#swagger-ui', deepLinking: true,
    validatorUrl: null, tryItOutEnabled: false });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Immersio Booking Service REST API</title>
<link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
<script src="${DOCS_PATH}/init.js"></script>
</body>
</html>
`;

/** Scripts, styles and fetches from this origin only; Swagger UI's icons are data: SVGs. */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

function swaggerUiDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

export function registerOpenApiRoutes(app: FastifyInstance): void {
  const dir = swaggerUiDir();
  const assets = new Map<string, { type: string; body: Buffer | string }>([
    ['swagger-ui.css', { type: 'text/css; charset=utf-8', body: readFileSync(join(dir, 'swagger-ui.css')) }],
    [
      'swagger-ui-bundle.js',
      { type: 'text/javascript; charset=utf-8', body: readFileSync(join(dir, 'swagger-ui-bundle.js')) },
    ],
    ['init.js', { type: 'text/javascript; charset=utf-8', body: INIT_JS }],
  ]);
  const document = openApiDocument();

  app.get(OPENAPI_PATH, async (_req, reply) =>
    reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(document.text),
  );

  app.get(DOCS_PATH, async (_req, reply) =>
    reply
      .headers({
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': DOCS_CSP,
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
      })
      .send(PAGE),
  );

  app.get<{ Params: { file: string } }>(`${DOCS_PATH}/:file`, async (req, reply) => {
    const asset = assets.get(req.params.file);
    if (!asset) return reply.code(404).send({ error: 'Resource not found', code: 'NOT_FOUND' });
    return reply
      .type(asset.type)
      .header('cache-control', 'public, max-age=3600')
      .header('content-security-policy', DOCS_CSP)
      .send(asset.body);
  });
}
