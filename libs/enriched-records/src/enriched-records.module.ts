import { Module } from '@nestjs/common';
import { EnrichedRecordsController } from './enriched-records.controller';
import { EnrichedRecordsHandler } from './enriched-records.handler';
import { EnrichedRecordsRepository } from './enriched-records.repository';
import { EnrichedRecordsService } from './enriched-records.service';

/** API side: GET /v1/enriched-records (feed) and /v1/enriched-records/{orderId}. */
@Module({
  controllers: [EnrichedRecordsController],
  providers: [EnrichedRecordsService, EnrichedRecordsRepository],
})
export class EnrichedRecordsModule {}

/** Worker side: the handler that builds records from events (the consumer runner subscribes it). */
@Module({ providers: [EnrichedRecordsHandler, EnrichedRecordsRepository] })
export class EnrichedRecordsWorkerModule {}
