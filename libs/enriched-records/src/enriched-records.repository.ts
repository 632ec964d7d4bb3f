import { Injectable } from '@nestjs/common';
import { Db, Queryable } from '@mw/database';
import type { ProductionOrderDto } from '@mw/production-orders';
import type { ClaimSummary, EnrichedRecord, InspectionSummary } from './enriched-record';

export interface FeedPosition {
  txid: string;
  seq: string;
}

export interface FeedRow {
  seq: string;
  txid: string;
  order_id: string;
  version: number;
  record: EnrichedRecord;
  changed_at: Date | string;
}

@Injectable()
export class EnrichedRecordsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Stores the order snapshot unless a newer one is already there; returns whether it changed.
   * Locks the record row for the rest of the transaction, so rebuilds of one order serialise.
   */
  async upsertOrder(q: Queryable, order: ProductionOrderDto): Promise<boolean> {
    const rows = await q.query<{ changed: boolean }>(
      `INSERT INTO enriched_records (order_id, plant, order_version, order_snapshot, record, version)
       VALUES ($1, $2, $3, $4, '{}'::jsonb, 0)
       ON CONFLICT (order_id) DO UPDATE
         SET order_snapshot = CASE WHEN EXCLUDED.order_version > enriched_records.order_version THEN EXCLUDED.order_snapshot ELSE enriched_records.order_snapshot END,
             order_version = GREATEST(EXCLUDED.order_version, enriched_records.order_version)
       RETURNING (xmax = 0 OR order_version = $3) AS changed`,
      [order.id, order.plant, order.version, JSON.stringify(order)],
    );
    return rows[0]?.changed === true;
  }

  /**
   * Puts the document's summary on the order's record; a newer revision (a review) replaces an older
   * one, an older or equal one (a replay, or the extraction after its review) changes nothing.
   */
  async addDocument(
    q: Queryable,
    orderId: string,
    documentId: string,
    kind: 'inspection' | 'claim',
    summary: InspectionSummary | ClaimSummary,
    revision = 0,
  ): Promise<boolean> {
    const rows = await q.query(
      `INSERT INTO enriched_record_documents (order_id, document_id, kind, summary, revision) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (order_id, document_id) DO UPDATE SET summary = EXCLUDED.summary, revision = EXCLUDED.revision
        WHERE enriched_record_documents.revision < EXCLUDED.revision
       RETURNING 1`,
      [orderId, documentId, kind, JSON.stringify(summary), revision],
    );
    return rows.length === 1;
  }

  /** Takes the document off the order's record when a review no longer names the order. */
  async removeDocument(q: Queryable, orderId: string, documentId: string, revision: number): Promise<boolean> {
    const rows = await q.query(`DELETE FROM enriched_record_documents WHERE order_id = $1 AND document_id = $2 AND revision < $3 RETURNING 1`, [
      orderId,
      documentId,
      revision,
    ]);
    return rows.length === 1;
  }

  async lockForRebuild(q: Queryable, orderId: string): Promise<{ order: ProductionOrderDto; version: number } | undefined> {
    const rows = await q.query<{ order_snapshot: ProductionOrderDto; version: number }>(
      `SELECT order_snapshot, version FROM enriched_records WHERE order_id = $1 FOR UPDATE`,
      [orderId],
    );
    return rows[0] ? { order: rows[0].order_snapshot, version: Number(rows[0].version) } : undefined;
  }

  async documents(q: Queryable, orderId: string): Promise<{ kind: 'inspection' | 'claim'; summary: InspectionSummary | ClaimSummary }[]> {
    return q.query(`SELECT kind, summary FROM enriched_record_documents WHERE order_id = $1 ORDER BY added_at, document_id`, [orderId]);
  }

  async saveVersion(q: Queryable, record: EnrichedRecord): Promise<void> {
    await q.query(`UPDATE enriched_records SET record = $2, version = $3, updated_at = now() WHERE order_id = $1`, [record.orderId, JSON.stringify(record), record.version]);
    await q.query(`INSERT INTO enriched_record_changes (order_id, plant, version, record) VALUES ($1, $2, $3, $4)`, [
      record.orderId,
      record.plant,
      record.version,
      JSON.stringify(record),
    ]);
  }

  async find(orderId: string, plants: readonly string[] | null): Promise<EnrichedRecord | undefined> {
    const rows = await this.db.query<{ record: EnrichedRecord }>(
      `SELECT record FROM enriched_records WHERE order_id = $1 AND version > 0 AND ($2::text[] IS NULL OR plant = ANY($2::text[]))`,
      [orderId, plants],
    );
    return rows[0]?.record;
  }

  /**
   * Changes after `after`, oldest first, visible only once every older transaction has finished:
   * `txid < pg_snapshot_xmin(...)` holds back rows of transactions newer than one still running,
   * so a late commit always sorts after the cursor instead of behind it.
   */
  async feed(plants: readonly string[] | null, plant: string | undefined, after: FeedPosition | undefined, limit: number): Promise<FeedRow[]> {
    const params: unknown[] = [plants, plant ?? null, limit];
    let cursor = '';
    if (after) {
      params.push(after.txid, after.seq);
      cursor = `AND (txid, seq) > ($4::text::xid8, $5::bigint)`;
    }
    return this.db.query<FeedRow>(
      `SELECT seq::text, txid::text, order_id, version, record, changed_at
         FROM enriched_record_changes
        WHERE ($1::text[] IS NULL OR plant = ANY($1::text[]))
          AND ($2::text IS NULL OR plant = $2)
          AND txid < pg_snapshot_xmin(pg_current_snapshot())
          ${cursor}
        ORDER BY txid, seq
        LIMIT $3`,
      params,
    );
  }
}
