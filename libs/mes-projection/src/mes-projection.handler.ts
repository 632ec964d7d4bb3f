import { Injectable } from '@nestjs/common';
import { ConsumesEvents, type EventHandler } from '@mw/consumers';
import { PoisonEventError } from '@mw/consumers';
import type { Queryable } from '@mw/database';
import { TOPICS, ReceivedEvent } from '@mw/outbox';
import type { OrderEventData } from '@mw/production-orders';

/**
 * The MES read model: one row per order with status and confirmation totals. Every order event
 * carries the order's snapshot and version, so applying "newest version wins" is idempotent and
 * indifferent to the order in which the two topics interleave.
 */
@Injectable()
@ConsumesEvents()
export class MesProjectionHandler implements EventHandler {
  readonly name = 'mes-projection';
  readonly topics = [TOPICS.productionOrders, TOPICS.confirmations];

  async handle(event: ReceivedEvent, q: Queryable): Promise<void> {
    const data = event.data as Partial<OrderEventData> | null;
    const order = data?.order;
    if (!order || typeof order.id !== 'string' || typeof order.version !== 'number') {
      throw new PoisonEventError(`${event.type} ${event.id} carries no order snapshot`);
    }
    await q.query(
      `INSERT INTO mes_order_status (order_id, plant, order_number, status, quantity_value, quantity_unit, yield_total, scrap_total,
                                     confirmation_count, order_version, events_applied, last_event_id, last_event_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12, now())
       ON CONFLICT (order_id) DO UPDATE SET
         status = CASE WHEN EXCLUDED.order_version > mes_order_status.order_version THEN EXCLUDED.status ELSE mes_order_status.status END,
         quantity_value = CASE WHEN EXCLUDED.order_version > mes_order_status.order_version THEN EXCLUDED.quantity_value ELSE mes_order_status.quantity_value END,
         quantity_unit = CASE WHEN EXCLUDED.order_version > mes_order_status.order_version THEN EXCLUDED.quantity_unit ELSE mes_order_status.quantity_unit END,
         yield_total = CASE WHEN EXCLUDED.order_version > mes_order_status.order_version THEN EXCLUDED.yield_total ELSE mes_order_status.yield_total END,
         scrap_total = CASE WHEN EXCLUDED.order_version > mes_order_status.order_version THEN EXCLUDED.scrap_total ELSE mes_order_status.scrap_total END,
         confirmation_count = CASE WHEN EXCLUDED.order_version > mes_order_status.order_version THEN EXCLUDED.confirmation_count ELSE mes_order_status.confirmation_count END,
         order_version = GREATEST(EXCLUDED.order_version, mes_order_status.order_version),
         events_applied = mes_order_status.events_applied + 1,
         last_event_id = EXCLUDED.last_event_id,
         last_event_at = EXCLUDED.last_event_at,
         updated_at = now()`,
      [
        order.id,
        order.plant,
        order.orderNumber,
        order.status,
        order.quantity.value,
        order.quantity.unit,
        order.totals.yield,
        order.totals.scrap,
        order.totals.confirmations,
        order.version,
        event.id,
        event.time,
      ],
    );
  }
}
