/** The HTML of the SSO sign-in page: no scripts, a hashed inline style, everything escaped. */
import { createHash } from 'node:crypto';
import type { SimOrg, SimUser } from './org-types.ts';

const PAGE_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f1fb;color:#1d2330}
main{max-width:30rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin-top:0}fieldset{border:1px solid #d6d0e6;border-radius:8px;margin:1rem 0}
label{display:block;padding:.3rem 0}.muted{color:#5a6270;font-size:.9rem}
button{margin:1rem .5rem 0 0;padding:.6rem 1.2rem;border:0;border-radius:8px;background:#5b3cc4;color:#fff;font:inherit;cursor:pointer}
button.secondary{background:#e3deef;color:#1d2330}.error{color:#a4001d;background:#fdecef;padding:.6rem;border-radius:8px}`;
const PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;

/** A validated `/oauth/authorize` request. */
export interface AuthorizeParams {
  clientId: string;
  redirectUri: URL;
  rawRedirectUri: string;
  state: string;
  tenant: string;
  orgFilter: string;
}

export const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The radio value the sign-in form posts back (see `chosenUser`). */
const userKey = (user: SimUser) => Buffer.from(JSON.stringify([user.orgId, user.sub])).toString('base64url');

/** The user a submitted sign-in form picked, if any. */
export function chosenUser(value: string | null, users: SimUser[]): SimUser | undefined {
  try {
    const [orgId, sub] = JSON.parse(Buffer.from(value ?? '', 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    return users.find((u) => u.orgId === orgId && u.sub === sub);
  } catch {
    return undefined;
  }
}

export function pageHeaders(formOrigin?: string) {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src ${PAGE_CSS_HASH}; form-action 'self'${
      formOrigin ? ` ${formOrigin}` : ''
    }; base-uri 'none'; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

export const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(
    title,
  )}</title><style>${PAGE_CSS}</style></head><body><main>${body}</main></body></html>`;

/** `ssoUsers`: everyone who can sign in, grouped on the page by the organisations in `orgs`. */
export function signInPage(
  params: AuthorizeParams,
  ssoUsers: SimUser[],
  orgs: ReadonlyMap<string, SimOrg>,
): string {
  const users = ssoUsers.filter((u) => !params.orgFilter || u.orgId === params.orgFilter);
  const hidden = (name: string, value: string) =>
    `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const groups = [...orgs.values()]
    .map((org) => {
      const members = users.filter((u) => u.orgId === org.id);
      if (members.length === 0) return '';
      const options = members
        .map(
          (u) =>
            `<label><input type="radio" name="user" value="${escapeHtml(userKey(u))}"${
              u === users[0] ? ' checked' : ''
            }> ${escapeHtml(u.name)} &lt;${escapeHtml(u.email)}&gt; <span class="muted">${escapeHtml(u.role)}</span></label>`,
        )
        .join('');
      return `<fieldset><legend>${escapeHtml(org.name)} <span class="muted">(${escapeHtml(org.id)})</span></legend>${options}</fieldset>`;
    })
    .join('');
  const to = params.tenant ? ` to continue to <strong>${escapeHtml(params.tenant)}</strong>` : '';
  return page(
    'Sign in with Immersio',
    `<h1>Sign in with Immersio</h1><p class="muted">Simulator: pick a user${to}.</p>` +
      `<form method="post" action="/oauth/authorize">` +
      hidden('client_id', params.clientId) +
      hidden('redirect_uri', params.rawRedirectUri) +
      hidden('state', params.state) +
      hidden('tenant', params.tenant) +
      (groups || '<p class="error">No users yet.</p>') +
      `<button type="submit" name="action" value="approve">Sign in</button>` +
      `<button type="submit" name="action" value="deny" class="secondary">Cancel</button></form>`,
  );
}
