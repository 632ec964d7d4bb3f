export { EnrichedRecordsModule, EnrichedRecordsWorkerModule } from './enriched-records.module';
export { EnrichedRecordsHandler, ENRICHED_RECORD_EVENT } from './enriched-records.handler';
export { buildRecord, RECORD_DATA_CLASSES, summarise } from './enriched-record';
export type { ClaimSummary, EnrichedRecord, InspectionSummary } from './enriched-record';
