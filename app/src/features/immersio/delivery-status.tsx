import { Badge } from '../../components/ui/states.tsx';
import type { WebhookMessage } from './types.ts';

export const STATUS_LABELS = {
  pending: 'Pending',
  failed: 'Failed, will retry',
  delivered: 'Delivered',
  dead: 'Gave up',
} as const;

const TONES = { pending: 'slate', failed: 'amber', delivered: 'green', dead: 'red' } as const;

export function DeliveryStatusBadge({ message }: { message: WebhookMessage }) {
  // Done without a single attempt: there was no connection or webhook URL when it was due.
  if (message.status === 'delivered' && message.deliveries.length === 0) return <Badge>Not sent</Badge>;
  return <Badge tone={TONES[message.status]}>{STATUS_LABELS[message.status]}</Badge>;
}
