import type { ProductionOrderDto } from '@mw/production-orders';
import type { DocumentEventData, EventField } from '@mw/quality-documents';
import { buildRecord, type ClaimSummary, summarise } from './enriched-record';

const ORDER_ID = '01930000-0000-7000-8000-0000000000aa';

function claim(id: string, fields: EventField[]): DocumentEventData {
  return {
    documentId: id,
    plant: 'P100',
    kind: 'claim',
    modelVersion: 'm',
    needsReview: false,
    links: [{ orderId: ORDER_ID, orderNumber: '4711', matchedBy: 'part_lot' }],
    fields,
    createdAt: '2026-11-30T00:00:00.000Z',
  };
}

const loss = (value: string, category?: EventField['category']): EventField => ({ name: 'loss_type', value, confidence: 0.9, needsReview: false, ...(category ? { category } : {}) });

describe('claims in an enriched record', () => {
  it('carry their loss category, read from the description in events sent before categories, and are counted by it', () => {
    const summaries = [
      summarise(claim('c1', [loss('rear-end collision', 'collision')]), ORDER_ID),
      summarise(claim('c2', [loss('追尾')]), ORDER_ID), // an older event: no category field
      summarise(claim('c3', [loss('kitchen fire', 'fire')]), ORDER_ID),
      summarise(claim('c4', [{ name: 'claim_number', value: 'CLM-4', confidence: 1, needsReview: false }]), ORDER_ID),
    ] as ClaimSummary[];
    expect(summaries.map((s) => s.lossCategory)).toEqual(['collision', 'collision', 'fire', undefined]);
    const order = { id: ORDER_ID, plant: 'P100', orderNumber: '4711', status: 'RELEASED', version: 2 } as unknown as ProductionOrderDto;
    const record = buildRecord(order, summaries.map((summary) => ({ kind: 'claim' as const, summary })), 3, '2026-11-30T00:00:00.000Z');
    expect(record.claims.count).toBe(4);
    expect(record.claims.byLossCategory).toEqual({ collision: 2, fire: 1 });
  });
});
