import { useQuery } from '@tanstack/react-query';
import {
  type SlugAvailability,
  signupSlug,
} from '../../../../src/modules/tenants/procedures/signup-check-slug.schema.ts';
import { type AppMessageKey, Message, useT } from '../../lib/i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useTRPC } from '../../trpc.ts';
import { schoolPageUrl } from './school-address.ts';

const UNAVAILABLE: Record<NonNullable<SlugAvailability['reason']>, AppMessageKey> = {
  taken: 'app.auth.address.taken',
  reserved: 'app.auth.address.reserved',
  invalid: 'app.auth.address.invalid',
};

type Check =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'available' }
  | { state: 'unavailable'; message: AppMessageKey }
  | { state: 'unknown' };

/**
 * The address field's hint: the booking page's URL and whether the address is free, checked
 * with the server once typing pauses. A hint only: the sign-up itself has the last word.
 */
export function AddressCheck({ slug }: { slug: string }) {
  const t = useT();
  const check = useSlugCheck(slug);
  const parsed = signupSlug.safeParse(slug);
  return (
    <>
      <span className="block break-all">
        <Message
          id="app.auth.address.pageUrl"
          values={{
            url: <span className="font-medium text-slate-800">{schoolPageUrl(parsed.data ?? slug)}</span>,
          }}
        />
      </span>
      <span role="status" className="block">
        {check.state === 'checking' ? (
          <span className="text-slate-600">{t('app.auth.address.checking')}</span>
        ) : null}
        {check.state === 'available' ? (
          <span className="font-medium text-green-800">
            <span aria-hidden>✓ </span>
            {t('app.auth.address.available')}
          </span>
        ) : null}
        {check.state === 'unavailable' ? (
          <span className="font-medium text-red-700">{t(check.message)}</span>
        ) : null}
        {check.state === 'unknown' ? (
          <span className="text-slate-600">{t('app.auth.address.unknown')}</span>
        ) : null}
      </span>
    </>
  );
}

function useSlugCheck(slug: string): Check {
  const trpc = useTRPC();
  const parsed = signupSlug.safeParse(slug);
  const candidate = parsed.success ? parsed.data : '';
  const settled = useDebounced(candidate, 350);
  const query = useQuery({
    ...trpc.signup.checkSlug.queryOptions({ slug: settled }),
    enabled: settled !== '',
    staleTime: 10_000,
    refetchOnWindowFocus: false,
  });
  // The form shows the pattern's own message for a malformed address; no need to ask.
  if (!parsed.success) return { state: 'idle' };
  if (settled !== candidate || query.isFetching) return { state: 'checking' };
  if (query.isError) return { state: 'unknown' };
  if (!query.data) return { state: 'idle' };
  if (query.data.available) return { state: 'available' };
  return { state: 'unavailable', message: UNAVAILABLE[query.data.reason ?? 'invalid'] };
}
