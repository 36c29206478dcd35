import { useT } from '../../lib/i18n/i18n.tsx';
import { Button } from './button.tsx';

/** What the button needs of an infinite query (useInfiniteQuery's result). */
interface PagedList {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** Below a paged list: fetches the next page while there is one ("Show more", "Show older"). */
export function ShowMore({ list, label, size }: { list: PagedList; label?: string; size?: 'sm' | 'md' }) {
  const t = useT();
  if (!list.hasNextPage) return null;
  return (
    <Button
      variant="secondary"
      size={size}
      className="mt-3"
      busy={list.isFetchingNextPage}
      onClick={() => void list.fetchNextPage()}
    >
      {label ?? t('app.ui.showMore')}
    </Button>
  );
}
