import { Badge } from '../../components/ui/states.tsx';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import type { WebhookMessage } from './types.ts';

export const STATUS_LABELS = {
  pending: 'app.immersio.delivery.status.pending',
  failed: 'app.immersio.delivery.status.failed',
  delivered: 'app.immersio.delivery.status.delivered',
  dead: 'app.immersio.delivery.status.dead',
} as const satisfies Record<string, AppMessageKey>;

const TONES = { pending: 'slate', failed: 'amber', delivered: 'green', dead: 'red' } as const;

export function DeliveryStatusBadge({ message }: { message: WebhookMessage }) {
  const t = useT();
  // Done without a single attempt: there was no connection or webhook URL when it was due.
  if (message.status === 'delivered' && message.deliveries.length === 0) {
    return <Badge>{t('app.immersio.delivery.status.notSent')}</Badge>;
  }
  return <Badge tone={TONES[message.status]}>{t(STATUS_LABELS[message.status])}</Badge>;
}
