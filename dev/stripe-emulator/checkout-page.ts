import type http from 'node:http';
import { checkoutText } from './checkout-text.ts';
import { escapeHtml, formatAmount } from './format.ts';
import { pageShell, redirect, sendHtml } from './html-page.ts';
import { SESSION_ID_PLACEHOLDER } from './params.ts';
import { readBody } from './read-request.ts';
import type { SessionLifecycle } from './session-lifecycle.ts';
import type { EmulatorState, SessionRecord } from './state.ts';

export function createCheckoutPage(state: EmulatorState, lifecycle: SessionLifecycle) {
  const { sessions, expireOnCancel } = state;
  const { isDue, settle, expireSession, completeSession } = lifecycle;

  function redirectTarget(template: string | null, id: string): string {
    if (!template) return `${state.baseUrl}/checkout/${encodeURIComponent(id)}`;
    return template.replaceAll(SESSION_ID_PLACEHOLDER, id);
  }

  /** The hosted page in the session's `locale` (else the browser's language), as Stripe shows it. */
  function renderSession(record: SessionRecord, acceptLanguage: string | undefined, closed = false): string {
    const session = record.object;
    const text = checkoutText(session.locale, acceptLanguage);
    const notice = closed ? text.closed : undefined;
    const total = formatAmount(session.amount_total, session.currency, text.lang);
    const name = record.lineItems.map((item) => item.description).join(', ');
    const rows = record.lineItems
      .map(
        (item) =>
          `<tr><td>${escapeHtml(item.description)}${item.quantity > 1 ? ` × ${escapeHtml(item.quantity)}` : ''}</td><td class="amount">${escapeHtml(formatAmount(item.amount_total, item.currency, text.lang))}</td></tr>`,
      )
      .join('\n');
    const action = (what: string) => escapeHtml(`/checkout/${encodeURIComponent(session.id)}/${what}`);
    let body: string;
    if (session.status === 'open') {
      body = `<form method="post" action="${action('pay')}"><button class="pay" type="submit">${escapeHtml(text.pay(total))}</button></form>
<form method="post" action="${action('cancel')}"><button type="submit">${escapeHtml(text.cancel)}</button></form>
<form method="post" action="${action('fail')}"><button class="fail" type="submit">${escapeHtml(text.decline)}</button></form>
<p class="muted">${escapeHtml(text.expires(new Date(session.expires_at * 1000).toISOString()))}</p>`;
    } else if (session.status === 'expired') {
      body = `<p class="state">${escapeHtml(text.expired)}</p>`;
      if (session.cancel_url)
        body += `\n<p><a href="${escapeHtml(session.cancel_url)}">${escapeHtml(text.back)}</a></p>`;
    } else if (session.payment_status === 'paid') {
      body = `<p class="state">${escapeHtml(text.paid)}</p>`;
      if (session.success_url) {
        body += `\n<p><a href="${escapeHtml(redirectTarget(session.success_url, session.id))}">${escapeHtml(text.back)}</a></p>`;
      }
    } else {
      body = `<p class="state">${escapeHtml(text.failed)}</p>`;
      if (session.cancel_url)
        body += `\n<p><a href="${escapeHtml(session.cancel_url)}">${escapeHtml(text.back)}</a></p>`;
    }
    return pageShell(
      text.title(name),
      `${notice ? `<p class="state">${escapeHtml(notice)}</p>\n` : ''}<h1>${escapeHtml(name)}</h1>
<p class="total">${escapeHtml(total)}</p>
<table>
${rows}
</table>
${session.customer_email ? `<p class="muted">${escapeHtml(text.email(session.customer_email))}</p>\n` : ''}${record.account ? `<p class="muted">${escapeHtml(text.merchant(record.account))}</p>\n` : ''}<p class="muted">${escapeHtml(text.session(session.id))}</p>
${body}`,
      text,
    );
  }

  async function handlePage(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const match = /^\/checkout\/([^/]+)(?:\/(pay|cancel|fail))?$/.exec(url.pathname);
    const method = req.method ?? 'GET';
    await readBody(req).catch(() => '');
    if (!match) return sendHtml(res, 404, pageShell('Not found', '<p class="state">Not found.</p>'));
    let id: string;
    try {
      id = decodeURIComponent(match[1]!);
    } catch {
      return sendHtml(res, 404, pageShell('Not found', '<p class="state">Not found.</p>'));
    }
    const action = match[2];
    const record = sessions.get(id);
    const acceptLanguage = req.headers['accept-language'];
    if (!record) {
      return sendHtml(
        res,
        404,
        pageShell('Checkout session not found', '<p class="state">No such checkout session.</p>'),
      );
    }
    if (isDue(record)) await settle(record, [expireSession(record)]);
    if (!action) {
      if (method !== 'GET' && method !== 'HEAD')
        return sendHtml(res, 405, pageShell('Method not allowed', ''));
      return sendHtml(res, 200, renderSession(record, acceptLanguage));
    }
    if (method !== 'POST')
      return sendHtml(res, 405, pageShell('Method not allowed', '<p class="state">Use the buttons.</p>'));
    const session = record.object;
    if (session.status !== 'open') {
      return sendHtml(res, 409, renderSession(record, acceptLanguage, true));
    }
    if (action === 'pay') {
      const { emitted } = completeSession(record, true);
      await settle(record, emitted);
      return redirect(res, redirectTarget(session.success_url, session.id));
    }
    if (action === 'fail') {
      const { emitted } = completeSession(record, false);
      await settle(record, emitted);
      return redirect(res, redirectTarget(session.cancel_url, session.id));
    }
    if (expireOnCancel) await settle(record, [expireSession(record)]);
    return redirect(res, redirectTarget(session.cancel_url, session.id));
  }

  return { handlePage };
}
