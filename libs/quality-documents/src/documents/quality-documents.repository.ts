import { Injectable } from '@nestjs/common';
import type { DocumentKind, ExtractedField } from '@mw/extraction';
import { Db, Queryable } from '@mw/database';
import type { LinkedDocumentDto, MatchedBy, OrderLinkDto, QualityDocumentDto } from './dto/quality-document.response';

export interface NewDocument {
  id: string;
  kind: DocumentKind;
  plant: string;
  source?: string;
  metadata?: Record<string, unknown>;
  mediaType: string;
  fileName?: string;
  byteSize: number;
  text: string;
  textSha256: string;
  modelVersion: string;
  fields: ExtractedField[];
  needsReview: boolean;
  extractionMs: number;
  createdBy: string;
}

interface DocumentRow {
  id: string;
  kind: DocumentKind;
  plant: string;
  source: string | null;
  metadata: Record<string, unknown> | null;
  media_type: string;
  file_name: string | null;
  byte_size: number;
  text: string;
  model_version: string;
  fields: ExtractedField[];
  needs_review: boolean;
  extraction_ms: number;
  created_at: Date | string;
}

/** Plants a caller may see; `null` means every plant. */
export type PlantScope = readonly string[] | null;

const iso = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();

function plantClause(scope: PlantScope, params: unknown[], column = 'plant'): string {
  if (scope === null) return 'TRUE';
  params.push(scope);
  return `${column} = ANY($${params.length}::text[])`;
}

function extractionOf(r: Pick<DocumentRow, 'model_version' | 'extraction_ms' | 'needs_review' | 'fields'>) {
  return { modelVersion: r.model_version, timingMs: Number(r.extraction_ms), needsReview: r.needs_review, fields: r.fields };
}

@Injectable()
export class QualityDocumentsRepository {
  constructor(private readonly db: Db) {}

  async insert(q: Queryable, d: NewDocument): Promise<string> {
    const rows = await q.query<{ created_at: Date | string }>(
      `INSERT INTO quality_documents (id, kind, plant, source, metadata, media_type, file_name, byte_size, text, text_sha256,
                                      model_version, fields, needs_review, extraction_ms, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, now())
       RETURNING created_at`,
      [
        d.id,
        d.kind,
        d.plant,
        d.source ?? null,
        d.metadata === undefined ? null : JSON.stringify(d.metadata),
        d.mediaType,
        d.fileName ?? null,
        d.byteSize,
        d.text,
        d.textSha256,
        d.modelVersion,
        JSON.stringify(d.fields),
        d.needsReview,
        d.extractionMs,
        d.createdBy,
      ],
    );
    return iso(rows[0]?.created_at ?? new Date());
  }

  /**
   * Orders of the plant the document names: by order number, or by part number (the order's
   * material) together with a lot number (the order's `attributes.lotNumber`, `lot` or `batch`).
   */
  async matchOrders(
    q: Queryable,
    plant: string,
    orderNumbers: readonly string[],
    partNumbers: readonly string[],
    lotNumbers: readonly string[],
  ): Promise<OrderLinkDto[]> {
    const links = new Map<string, OrderLinkDto>();
    if (orderNumbers.length > 0) {
      const rows = await q.query<{ id: string; order_number: string }>(
        `SELECT id, order_number FROM production_orders WHERE plant = $1 AND order_number = ANY($2::text[]) ORDER BY id`,
        [plant, orderNumbers],
      );
      for (const r of rows) links.set(r.id, { orderId: r.id, orderNumber: r.order_number, matchedBy: 'order_number' });
    }
    if (partNumbers.length > 0 && lotNumbers.length > 0) {
      const rows = await q.query<{ id: string; order_number: string }>(
        `SELECT id, order_number FROM production_orders
          WHERE plant = $1 AND material_code = ANY($2::text[])
            AND (body->'attributes'->>'lotNumber' = ANY($3::text[]) OR body->'attributes'->>'lot' = ANY($3::text[])
                 OR body->'attributes'->>'batch' = ANY($3::text[]))
          ORDER BY id`,
        [plant, partNumbers, lotNumbers],
      );
      for (const r of rows) if (!links.has(r.id)) links.set(r.id, { orderId: r.id, orderNumber: r.order_number, matchedBy: 'part_lot' });
    }
    return [...links.values()];
  }

  async insertLinks(q: Queryable, documentId: string, kind: DocumentKind, links: readonly OrderLinkDto[]): Promise<void> {
    if (links.length === 0) return;
    const params: unknown[] = [documentId, kind];
    const values = links.map((l) => {
      params.push(l.orderId, l.matchedBy);
      return `($1, $${params.length - 1}, $2, $${params.length}, now())`;
    });
    await q.query(`INSERT INTO quality_document_links (document_id, order_id, kind, matched_by, created_at) VALUES ${values.join(', ')}`, params);
  }

  async findById(kind: DocumentKind, id: string, scope: PlantScope): Promise<QualityDocumentDto | undefined> {
    const params: unknown[] = [id, kind];
    const rows = await this.db.query<DocumentRow>(
      `SELECT id, kind, plant, source, metadata, media_type, file_name, byte_size, text, model_version, fields, needs_review, extraction_ms, created_at
         FROM quality_documents WHERE id = $1 AND kind = $2 AND ${plantClause(scope, params)}`,
      params,
    );
    const r = rows[0];
    if (r === undefined) return undefined;
    const links = await this.db.query<{ order_id: string; order_number: string; matched_by: MatchedBy }>(
      `SELECT l.order_id, o.order_number, l.matched_by FROM quality_document_links l JOIN production_orders o ON o.id = l.order_id
        WHERE l.document_id = $1 ORDER BY l.order_id`,
      [id],
    );
    return {
      id: r.id,
      kind: r.kind,
      plant: r.plant,
      ...(r.source !== null ? { source: r.source } : {}),
      ...(r.metadata !== null ? { metadata: r.metadata } : {}),
      mediaType: r.media_type,
      ...(r.file_name !== null ? { fileName: r.file_name } : {}),
      byteSize: Number(r.byte_size),
      text: r.text,
      extraction: extractionOf(r),
      links: links.map((l) => ({ orderId: l.order_id, orderNumber: l.order_number, matchedBy: l.matched_by })),
      createdAt: iso(r.created_at),
    };
  }

  /** The order's plant when the caller may see the order. */
  async orderPlant(orderId: string, scope: PlantScope): Promise<string | undefined> {
    const params: unknown[] = [orderId];
    const rows = await this.db.query<{ plant: string }>(`SELECT plant FROM production_orders WHERE id = $1 AND ${plantClause(scope, params)}`, params);
    return rows[0]?.plant;
  }

  async listForOrder(orderId: string, kind: DocumentKind, limit: number): Promise<LinkedDocumentDto[]> {
    const rows = await this.db.query<DocumentRow & { matched_by: MatchedBy }>(
      `SELECT d.id, d.kind, d.plant, d.source, d.model_version, d.fields, d.needs_review, d.extraction_ms, d.created_at, l.matched_by
         FROM quality_document_links l JOIN quality_documents d ON d.id = l.document_id
        WHERE l.order_id = $1 AND l.kind = $2
        ORDER BY l.created_at DESC, d.id DESC
        LIMIT $3`,
      [orderId, kind, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      plant: r.plant,
      ...(r.source !== null ? { source: r.source } : {}),
      matchedBy: r.matched_by,
      extraction: extractionOf(r),
      createdAt: iso(r.created_at),
    }));
  }
}
