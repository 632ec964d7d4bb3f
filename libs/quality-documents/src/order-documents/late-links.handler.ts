import { Injectable } from '@nestjs/common';
import { ConsumesEvents, type EventHandler, PoisonEventError } from '@mw/consumers';
import type { Queryable } from '@mw/database';
import type { ExtractedField } from '@mw/extraction';
import { OutboxWriter, ReceivedEvent, TOPICS } from '@mw/outbox';
import { ORDER_EVENTS, type OrderEventData } from '@mw/production-orders';
import { documentLinkedEvent, eventFields } from '../documents/quality-document.events';
import { QualityDocumentsRepository } from '../documents/quality-documents.repository';

/** Order attributes that hold the lot an order produces (as linking reads them). */
const LOT_ATTRIBUTES = ['lotNumber', 'lot', 'batch'] as const;

/**
 * Links documents stored before the order they name. A document is linked when it is stored (or
 * reviewed) to the orders that exist then; an order the ERP posts later would never see the
 * reports and claims already naming it. This handler runs on every order created or changed,
 * finds the documents of its plant that name it by number, or by its material and lot, adds the
 * links and enqueues `…linked.v1` on each document's topic, so enriched records fold them in.
 * Idempotent: a link already there is not added again and raises no event.
 */
@Injectable()
@ConsumesEvents()
export class LateLinksHandler implements EventHandler {
  readonly name = 'document-late-links';
  readonly topics = [TOPICS.productionOrders];

  constructor(
    private readonly repo: QualityDocumentsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async handle(event: ReceivedEvent, q: Queryable): Promise<void> {
    if (event.type !== ORDER_EVENTS.created && event.type !== ORDER_EVENTS.updated) return;
    const order = (event.data as Partial<OrderEventData> | null)?.order;
    if (!order?.id || !order.plant || !order.orderNumber || !order.material?.code) {
      throw new PoisonEventError(`${event.type} ${event.id} carries no order snapshot`);
    }
    const lots = LOT_ATTRIBUTES.map((a) => order.attributes?.[a]).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
    const found = await this.repo.documentsNamingOrder(q, {
      id: order.id,
      plant: order.plant,
      orderNumber: order.orderNumber,
      materialCode: order.material.code,
      lots: lots.map(String),
    });
    for (const { documentId, kind, matchedBy } of found) {
      if (!(await this.repo.addLink(q, documentId, kind, { orderId: order.id, orderNumber: order.orderNumber, matchedBy }))) continue;
      const doc = await this.repo.findById(kind, documentId, null, q);
      if (doc === undefined) continue;
      const reviewed = doc.review.fields !== undefined;
      await this.outbox.enqueue(q, [
        documentLinkedEvent({
          documentId,
          plant: doc.plant,
          kind,
          ...(doc.source !== undefined ? { source: doc.source } : {}),
          modelVersion: doc.extraction.modelVersion,
          needsReview: reviewed ? false : doc.extraction.needsReview,
          links: doc.links,
          fields: eventFields((doc.review.fields ?? doc.extraction.fields) as ExtractedField[]),
          createdAt: doc.createdAt,
          revision: doc.review.revision,
          linkedOrderIds: [order.id],
        }),
      ]);
    }
  }
}
