import type http from 'node:http';
import { type CheckoutText, checkoutText } from './checkout-text.ts';
import { escapeHtml } from './format.ts';

export function sendHtml(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html)),
    'cache-control': 'no-store',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; base-uri 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}

export function redirect(res: http.ServerResponse, location: string): void {
  res.writeHead(303, { location, 'content-length': '0', 'cache-control': 'no-store' });
  res.end();
}

export function pageShell(title: string, content: string, text: CheckoutText = checkoutText('en')): string {
  return `<!doctype html>
<html lang="${escapeHtml(text.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #f6f8fa; color: #1a1f36; }
  .banner { background: #ffd84d; color: #3d2e00; padding: 0.6rem 1rem; text-align: center; font-weight: 600; }
  main { max-width: 32rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  h1 { font-size: 1.25rem; margin: 0 0 0.25rem; }
  .total { font-size: 2rem; font-weight: 700; margin: 0.5rem 0 1rem; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 1rem; }
  td { padding: 0.3rem 0; border-bottom: 1px solid #e3e8ee; }
  td.amount { text-align: right; }
  .muted { color: #697386; font-size: 0.875rem; }
  .state { padding: 0.75rem 1rem; border-radius: 6px; background: #eef1f5; font-weight: 600; }
  form { margin: 0.5rem 0; }
  button { width: 100%; padding: 0.75rem; font-size: 1rem; border-radius: 6px; border: 1px solid #c1c9d2; background: #fff; cursor: pointer; }
  button.pay { background: #635bff; color: #fff; border-color: #635bff; font-weight: 600; }
  button.fail { color: #b3093c; }
</style>
</head>
<body>
<header><div class="banner" role="note">${escapeHtml(text.banner)}</div></header>
<main>
${content}
</main>
</body>
</html>
`;
}
