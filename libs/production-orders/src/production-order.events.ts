import { DomainEvent, TOPICS } from '@mw/outbox';
import type { ConfirmationDto } from './dto/confirmation.dto';
import type { ProductionOrderDto } from './dto/production-order.response';
import type { OrderStatus } from './production-order.state';

/** Event types (CloudEvents `type`). Consumers branch on these strings; never rename a published one. */
export const ORDER_EVENTS = {
  created: 'com.millwright.production-order.created.v1',
  updated: 'com.millwright.production-order.updated.v1',
  released: 'com.millwright.production-order.released.v1',
  started: 'com.millwright.production-order.started.v1',
  completed: 'com.millwright.production-order.completed.v1',
  cancelled: 'com.millwright.production-order.cancelled.v1',
  confirmationRecorded: 'com.millwright.production-order.confirmation-recorded.v1',
} as const;

/** Every order event carries the order as it is after the change, so a consumer never needs to read back. */
export interface OrderEventData {
  order: ProductionOrderDto;
  previousStatus?: OrderStatus;
  changedFields?: string[];
  confirmation?: ConfirmationDto;
}

export function orderEvent(type: string, data: OrderEventData): DomainEvent<OrderEventData> {
  return {
    type,
    topic: type === ORDER_EVENTS.confirmationRecorded ? TOPICS.confirmations : TOPICS.productionOrders,
    key: data.order.id,
    subject: `production-orders/${data.order.id}`,
    data,
  };
}
