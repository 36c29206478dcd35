/**
 * Stripe Connect onboarding for the emulator: accounts created by the platform
 * (`POST /v1/accounts`), Account Links (`POST /v1/account_links`) and the hosted onboarding page
 * those links open, which completes (or partly fills) onboarding and sends `account.updated` as a
 * Connect webhook (`event.account` names the account). The emulator wires it in with its own
 * helpers (`ConnectKit`), so this file only imports types from it.
 */
import type http from 'node:http';
import type { DeliveryResult } from './emulator-types.ts';
import type { FormObject } from './form.ts';
import type { Account, Metadata, StripeEvent } from './stripe-objects.ts';

/** The emulator's helpers this part uses, handed over by `startStripeEmulator`. */
export interface ConnectKit {
  nowSec(): number;
  baseUrl(): string;
  randomId(prefix: string, length: number): string;
  emit(
    type: string,
    account: string | null,
    object: unknown,
    previous?: Record<string, unknown>,
    request?: { id: string | null; idempotency_key: string | null },
  ): { event: StripeEvent; delivery: Promise<DeliveryResult | null> };
  invalid(message: string, param?: string, code?: string): Error;
  missing(kind: string, id: string, param?: string): Error;
  rejectUnknown(params: FormObject, known: readonly string[], prefix?: string): void;
  optNonEmpty(params: FormObject, key: string, param?: string): string | undefined;
  readMetadata(params: FormObject, key: string, param?: string): Metadata;
  escapeHtml(value: unknown): string;
  pageShell(title: string, content: string): string;
  sendHtml(res: http.ServerResponse, status: number, html: string): void;
  redirect(res: http.ServerResponse, location: string): void;
  readBody(req: http.IncomingMessage): Promise<string>;
}

/** The part of the emulator's API context a Connect handler reads. */
interface ConnectContext {
  params: FormObject;
  account: string | null;
  request: { id: string; idempotency_key: string | null };
}

export interface AccountLink {
  object: 'account_link';
  created: number;
  expires_at: number;
  url: string;
}

export interface AccountLinkRecord {
  id: string;
  account: string;
  type: 'account_onboarding' | 'account_update';
  refreshUrl: string;
  returnUrl: string;
  link: AccountLink;
  /** Stripe's links are single-use: opened once, a second visit goes to `refresh_url`. */
  opened: boolean;
  /** Submitted: the page cannot be submitted again. */
  spent: boolean;
}

/** What a new account still has to provide before it may take charges (a real Express list). */
const INITIAL_REQUIREMENTS = [
  'business_profile.mcc',
  'business_profile.url',
  'business_type',
  'external_account',
  'representative.first_name',
  'representative.last_name',
  'tos_acceptance.date',
  'tos_acceptance.ip',
];
/** What is left after "Save and finish later": the business is described, the bank account is not. */
const LATER_REQUIREMENTS = ['external_account', 'tos_acceptance.date', 'tos_acceptance.ip'];
/** Stripe's account links stay valid for a few minutes. */
const LINK_TTL_S = 300;

const ACCOUNT_CREATE_PARAMS = [
  'account_token',
  'bank_account',
  'business_profile',
  'business_type',
  'capabilities',
  'company',
  'controller',
  'country',
  'default_currency',
  'documents',
  'email',
  'expand',
  'external_account',
  'groups',
  'individual',
  'metadata',
  'settings',
  'tos_acceptance',
  'type',
] as const;
const ACCOUNT_LINK_PARAMS = [
  'account',
  'collect',
  'collection_options',
  'expand',
  'refresh_url',
  'return_url',
  'type',
] as const;

const clone = <T>(value: T): T => structuredClone(value);

export function createConnect(kit: ConnectKit) {
  const accounts = new Map<string, Account>();
  const links = new Map<string, AccountLinkRecord>();

  function readUrl(params: FormObject, key: string): string {
    const value = kit.optNonEmpty(params, key);
    if (value === undefined) throw kit.invalid(`Missing required param: ${key}.`, key, 'parameter_missing');
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw kit.invalid('Not a valid URL', key, 'url_invalid');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw kit.invalid('Not a valid URL', key, 'url_invalid');
    }
    return value;
  }

  function requestedCapabilities(params: FormObject): Record<string, string> {
    const raw = params.capabilities;
    if (raw === undefined || raw === '') return {};
    if (typeof raw === 'string' || Array.isArray(raw)) throw kit.invalid('Invalid object', 'capabilities');
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(raw)) {
      const requested = typeof value === 'object' && !Array.isArray(value) ? value.requested : undefined;
      if (requested === 'true') out[name] = 'inactive';
    }
    return out;
  }

  function createAccount(ctx: ConnectContext) {
    const { params } = ctx;
    kit.rejectUnknown(params, ACCOUNT_CREATE_PARAMS);
    if (ctx.account !== null) {
      throw kit.invalid('Connected accounts cannot create accounts (drop the Stripe-Account header).');
    }
    const type = kit.optNonEmpty(params, 'type');
    if (type === undefined) {
      throw kit.invalid(
        'Missing required param: type. (The Stripe emulator does not emulate `controller` properties.)',
        'type',
        'parameter_missing',
      );
    }
    if (!['express', 'standard', 'custom'].includes(type)) {
      throw kit.invalid('Invalid type: must be one of custom, express, or standard', 'type');
    }
    const email = kit.optNonEmpty(params, 'email') ?? null;
    if (email !== null && !/^[^\s@]+@[^\s@]+$/.test(email)) {
      throw kit.invalid(`Invalid email address: ${email}`, 'email', 'email_invalid');
    }
    const country = (kit.optNonEmpty(params, 'country') ?? 'US').toUpperCase();
    if (!/^[A-Z]{2}$/.test(country)) throw kit.invalid(`Invalid country: ${country}`, 'country');
    const profile = params.business_profile;
    const profileName =
      typeof profile === 'object' && !Array.isArray(profile) && typeof profile.name === 'string'
        ? profile.name
        : null;
    const account: Account = {
      id: kit.randomId('acct_1', 16),
      object: 'account',
      business_profile: { name: profileName, support_email: null, url: null },
      business_type: null,
      capabilities: requestedCapabilities(params),
      charges_enabled: false,
      country,
      created: kit.nowSec(),
      default_currency: (kit.optNonEmpty(params, 'default_currency') ?? 'usd').toLowerCase(),
      details_submitted: false,
      email,
      metadata: kit.readMetadata(params, 'metadata'),
      payouts_enabled: false,
      requirements: {
        currently_due: [...INITIAL_REQUIREMENTS],
        disabled_reason: 'requirements.past_due',
        eventually_due: [...INITIAL_REQUIREMENTS],
        past_due: [...INITIAL_REQUIREMENTS],
        pending_verification: [],
      },
      type,
    };
    accounts.set(account.id, account);
    return { body: clone(account) };
  }

  function createAccountLink(ctx: ConnectContext) {
    const { params } = ctx;
    kit.rejectUnknown(params, ACCOUNT_LINK_PARAMS);
    const accountId = kit.optNonEmpty(params, 'account');
    if (accountId === undefined) {
      throw kit.invalid('Missing required param: account.', 'account', 'parameter_missing');
    }
    if (!accounts.has(accountId)) {
      // Links are for accounts the platform created; an id pasted by a school is not one of them.
      throw kit.missing('account', accountId, 'account');
    }
    const type = kit.optNonEmpty(params, 'type');
    if (type === undefined) throw kit.invalid('Missing required param: type.', 'type', 'parameter_missing');
    if (type !== 'account_onboarding' && type !== 'account_update') {
      throw kit.invalid('Invalid type: must be one of account_onboarding or account_update', 'type');
    }
    const refreshUrl = readUrl(params, 'refresh_url');
    const returnUrl = readUrl(params, 'return_url');
    const id = kit.randomId('', 24);
    const created = kit.nowSec();
    const link: AccountLink = {
      object: 'account_link',
      created,
      expires_at: created + LINK_TTL_S,
      url: `${kit.baseUrl()}/connect/onboarding/${id}`,
    };
    links.set(id, { id, account: accountId, type, refreshUrl, returnUrl, link, opened: false, spent: false });
    return { body: clone(link) };
  }

  /** Changes a created account and sends `account.updated` with what it was before. */
  function updateAccount(id: string, patch: Partial<Account>) {
    const account = accounts.get(id);
    if (!account) throw new Error(`Stripe emulator: no account ${id} created through POST /v1/accounts`);
    const previous: Record<string, unknown> = {};
    for (const key of Object.keys(patch) as (keyof Account)[]) previous[key] = clone(account[key]);
    Object.assign(account, clone(patch));
    const emitted = kit.emit('account.updated', id, account, previous);
    return { account: clone(account), event: emitted.event, delivery: emitted.delivery };
  }

  /** What the onboarding page's two buttons do to the account. */
  function onboard(id: string, finished: boolean) {
    const due = finished ? [] : [...LATER_REQUIREMENTS];
    const account = accounts.get(id);
    const capabilities = Object.fromEntries(
      Object.keys(account?.capabilities ?? {}).map((name) => [name, finished ? 'active' : 'inactive']),
    );
    return updateAccount(id, {
      business_type: 'individual',
      capabilities,
      charges_enabled: finished,
      details_submitted: finished,
      payouts_enabled: finished,
      requirements: {
        currently_due: due,
        disabled_reason: finished ? null : 'requirements.past_due',
        eventually_due: due,
        past_due: due,
        pending_verification: [],
      },
    });
  }

  function renderLink(record: AccountLinkRecord): string {
    const account = accounts.get(record.account)!;
    const action = (what: string) =>
      kit.escapeHtml(`/connect/onboarding/${encodeURIComponent(record.id)}/${what}`);
    const due = account.requirements.currently_due;
    return kit.pageShell(
      'Set up payments — Stripe onboarding (test mode)',
      `<h1>Set up payments with Stripe</h1>
<p class="muted">Account ${kit.escapeHtml(account.id)} (${kit.escapeHtml(account.type)}, ${kit.escapeHtml(account.country)})${account.email ? ` for ${kit.escapeHtml(account.email)}` : ''}</p>
${due.length > 0 ? `<p>Stripe still needs:</p>\n<ul>${due.map((item) => `<li>${kit.escapeHtml(item)}</li>`).join('')}</ul>` : '<p class="state">Nothing is due.</p>'}
<form method="post" action="${action('complete')}"><button class="pay" type="submit">Complete onboarding</button></form>
<form method="post" action="${action('later')}"><button type="submit">Save and finish later</button></form>`,
    );
  }

  async function handlePage(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const match = /^\/connect\/onboarding\/([A-Za-z0-9]+)(?:\/(complete|later))?$/.exec(url.pathname);
    const method = req.method ?? 'GET';
    await kit.readBody(req).catch(() => '');
    const record = match ? links.get(match[1]!) : undefined;
    if (!record) {
      return kit.sendHtml(res, 404, kit.pageShell('Not found', '<p class="state">No such account link.</p>'));
    }
    const action = match![2];
    const expired = record.link.expires_at <= kit.nowSec();
    if (!action) {
      if (method !== 'GET' && method !== 'HEAD')
        return kit.sendHtml(res, 405, kit.pageShell('Method not allowed', ''));
      // Like Stripe: a link visited before, or expired, sends the user to refresh_url for a new one.
      if (record.opened || expired) return kit.redirect(res, record.refreshUrl);
      record.opened = true;
      return kit.sendHtml(res, 200, renderLink(record));
    }
    if (method !== 'POST') {
      return kit.sendHtml(
        res,
        405,
        kit.pageShell('Method not allowed', '<p class="state">Use the buttons.</p>'),
      );
    }
    if (!record.opened || record.spent || expired) return kit.redirect(res, record.refreshUrl);
    record.spent = true;
    const { delivery } = onboard(record.account, action === 'complete');
    await delivery;
    return kit.redirect(res, record.returnUrl);
  }

  return {
    routes: [
      {
        method: 'POST' as const,
        pattern: /^\/v1\/accounts$/,
        operation: 'account.create' as const,
        handler: createAccount,
      },
      {
        method: 'POST' as const,
        pattern: /^\/v1\/account_links$/,
        operation: 'account_link.create' as const,
        handler: createAccountLink,
      },
    ],
    /** A created account (onboarding state included), or undefined for any other id. */
    account: (id: string) => {
      const found = accounts.get(id);
      return found ? clone(found) : undefined;
    },
    accounts: () => [...accounts.values()].map(clone),
    accountLinks: () => [...links.values()].map(clone),
    handlePage,
    updateAccount,
    async completeOnboarding(id: string, options: { finished?: boolean } = {}) {
      const { account, event, delivery } = onboard(id, options.finished ?? true);
      const result = await delivery;
      return { account, event, delivery: result };
    },
    reset() {
      accounts.clear();
      links.clear();
    },
  };
}

export type Connect = ReturnType<typeof createConnect>;
