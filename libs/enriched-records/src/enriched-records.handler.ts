import { Injectable } from '@nestjs/common';
import { ConsumesEvents, EventHandler, PoisonEventError } from '@mw/consumers';
import type { Queryable } from '@mw/database';
import { OutboxWriter, ReceivedEvent, TOPICS } from '@mw/outbox';
import { Masker } from '@mw/privacy';
import type { OrderEventData } from '@mw/production-orders';
import type { DocumentEventData, DocumentReviewedEventData } from '@mw/quality-documents';
import { buildRecord, RECORD_DATA_CLASSES, summarise } from './enriched-record';
import { EnrichedRecordsRepository } from './enriched-records.repository';

export const ENRICHED_RECORD_EVENT = 'com.millwright.enriched-record.changed.v1';

/** The plant system's view of personal data on the Kafka feed: the MES role for production. */
const MES_CONTEXT = { role: 'mes', purpose: 'production' } as const;

/**
 * Builds enriched records from order, confirmation, inspection and claim events (extractions and reviews). Idempotent (the
 * inbox and "newest order version wins") and indifferent to how the four topics interleave: a
 * document that arrives before its order is kept and folded in when the order event comes.
 * Every change is appended to the change feed and published, masked for the MES, as records.enriched.v1.
 */
@Injectable()
@ConsumesEvents()
export class EnrichedRecordsHandler implements EventHandler {
  readonly name = 'enriched-records';
  readonly topics = [TOPICS.productionOrders, TOPICS.confirmations, TOPICS.inspections, TOPICS.claims];

  constructor(
    private readonly repo: EnrichedRecordsRepository,
    private readonly outbox: OutboxWriter,
    private readonly masker: Masker,
  ) {}

  async handle(event: ReceivedEvent, q: Queryable): Promise<void> {
    if (event.topic === TOPICS.productionOrders || event.topic === TOPICS.confirmations) {
      const order = (event.data as Partial<OrderEventData> | null)?.order;
      if (!order?.id) throw new PoisonEventError(`${event.type} ${event.id} carries no order snapshot`);
      if (await this.repo.upsertOrder(q, order)) await this.rebuild(q, order.id);
      return;
    }
    const doc = event.data as Partial<DocumentEventData> | null;
    if (!doc?.documentId || !Array.isArray(doc.links) || !Array.isArray(doc.fields) || (doc.kind !== 'inspection' && doc.kind !== 'claim')) {
      throw new PoisonEventError(`${event.type} ${event.id} is not a document event`);
    }
    // A review (revision > 0) replaces the document's summary and takes it off orders it no longer names.
    const revision = typeof doc.revision === 'number' ? doc.revision : 0;
    const changed = new Set<string>();
    for (const link of doc.links) {
      if (await this.repo.addDocument(q, link.orderId, doc.documentId, doc.kind, summarise(doc as DocumentEventData, link.orderId), revision)) changed.add(link.orderId);
    }
    const unlinked = (doc as Partial<DocumentReviewedEventData>).unlinkedOrderIds;
    for (const orderId of Array.isArray(unlinked) ? unlinked : []) {
      if (await this.repo.removeDocument(q, orderId, doc.documentId, revision)) changed.add(orderId);
    }
    for (const orderId of [...changed].sort()) await this.rebuild(q, orderId);
  }

  private async rebuild(q: Queryable, orderId: string): Promise<void> {
    const current = await this.repo.lockForRebuild(q, orderId);
    if (current === undefined) return; // order not seen yet: its first event builds the record
    const record = buildRecord(current.order, await this.repo.documents(q, orderId), current.version + 1, new Date().toISOString());
    await this.repo.saveVersion(q, record);
    const masked = this.masker.maskRecord(record, RECORD_DATA_CLASSES, MES_CONTEXT);
    await this.outbox.enqueue(q, [
      {
        type: ENRICHED_RECORD_EVENT,
        topic: TOPICS.enrichedRecords,
        key: orderId,
        subject: `enriched-records/${orderId}`,
        data: { record: masked.value, masking: { role: MES_CONTEXT.role, purpose: MES_CONTEXT.purpose, fields: masked.masked } },
      },
    ]);
  }
}
