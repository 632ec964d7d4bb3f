import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@mw/database';
import { DomainError, ErrorCode } from '@mw/http';
import { requeueEvent } from '@mw/outbox';
import { DeadLetterRow, DeadLettersRepository } from './dead-letters.repository';
import type { DeadLetterDto } from './dto/dead-letter.dto';

function toDto(r: DeadLetterRow): DeadLetterDto {
  return {
    id: r.id,
    consumer: r.consumer,
    eventId: r.event_id,
    eventType: r.event_type,
    topic: r.topic,
    partition: r.partition,
    offset: r.offset,
    key: r.message_key,
    error: r.error,
    attempts: r.attempts,
    deadLetteredAt: new Date(r.created_at).toISOString(),
    replayedAt: r.replayed_at === null ? null : new Date(r.replayed_at).toISOString(),
  };
}

@Injectable()
export class DeadLettersService {
  constructor(
    private readonly repo: DeadLettersRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async list(consumer: string | undefined, pending: boolean, limit: number): Promise<DeadLetterDto[]> {
    return (await this.repo.list({ consumer, pending, limit })).map(toDto);
  }

  /**
   * Replay puts the original event (same ce_id) back through the outbox onto its topic. Consumers
   * that already applied it skip it by their inbox; the one that failed applies it once.
   */
  async replay(id: string): Promise<DeadLetterDto> {
    return this.uow.run(async (q) => {
      const row = await this.repo.get(id, q, true);
      if (row === undefined) throw new DomainError(ErrorCode.NotFound, `No dead letter ${id}.`);
      if (row.replayed_at !== null) {
        throw new DomainError(ErrorCode.Conflict, `Dead letter ${id} was already replayed at ${new Date(row.replayed_at).toISOString()}.`);
      }
      if (row.event_type === 'unknown') throw new DomainError(ErrorCode.Conflict, 'This message was not a valid event; it cannot be replayed.');
      const headers = { ...row.headers, mw_replay_of: row.id };
      await requeueEvent(q, { topic: row.topic, key: row.message_key ?? '', type: row.event_type, headers, payload: row.payload });
      await this.repo.markReplayed(q, id);
      return toDto({ ...row, replayed_at: new Date() });
    });
  }

  async replayAll(consumer: string | undefined): Promise<{ replayed: number }> {
    let replayed = 0;
    for (;;) {
      const batch = await this.repo.list({ consumer, pending: true, limit: 200 });
      const replayable = batch.filter((r) => r.event_type !== 'unknown');
      if (replayable.length === 0) return { replayed };
      for (const row of replayable) {
        await this.replay(row.id);
        replayed++;
      }
    }
  }
}
