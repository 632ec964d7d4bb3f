/** Every Kafka topic we own. Documented with example events in docs/events.md. */
export const TOPICS = {
  productionOrders: 'erp.production-orders.v1',
  confirmations: 'mes.confirmations.v1',
  inspections: 'quality.inspections.v1',
  claims: 'claims.documents.v1',
  enrichedRecords: 'records.enriched.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];
export const ALL_TOPICS: Topic[] = Object.values(TOPICS);
export const dlqTopic = (topic: string): string => `${topic}.dlq`;

/** Keys are spread over this many buckets; a relay leases buckets, so one key is always relayed by one relay, in order. */
export const OUTBOX_BUCKETS = 64;
