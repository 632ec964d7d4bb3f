import { Injectable } from '@nestjs/common';
import type { Principal } from '@mw/auth';
import { cleanText, type DocumentKind, type ExtractedField, type Span } from '@mw/extraction';
import { Db, Queryable } from '@mw/database';
import type { LinkedDocumentDto, MatchedBy, OrderLinkDto, PossibleDuplicateDto, QualityDocumentDto } from './dto/quality-document.response';
import type { ReviewChanges } from '../review/document-review';
import type { DocumentReviewDto, ReviewStatus } from '../review/dto/review.response';
import { documentKeys, searchForm, searchForms, sqlSearchForm } from './document-keys';
import type { DocumentListItemDto } from './dto/document-list.dto';

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
  review_status: ReviewStatus;
  revision: number;
  created_at: Date | string;
}

/** The document's current review, joined beside it (all null before the first review). */
interface ReviewColumns {
  review_fields: ExtractedField[] | null;
  review_changes: ReviewChanges | null;
  review_note: string | null;
  review_reviewed_by: string | null;
  review_reviewed_at: Date | string | null;
}

const REVIEW_COLUMNS = `r.fields AS review_fields, r.changes AS review_changes, r.note AS review_note, r.reviewed_by AS review_reviewed_by,
              r.reviewed_at AS review_reviewed_at`;
const CURRENT_REVIEW = `LEFT JOIN quality_document_reviews r ON r.document_id = d.id AND r.revision = d.revision`;

function reviewOf(status: ReviewStatus, revision: number, row: ReviewColumns): DocumentReviewDto {
  if (row.review_fields === null) return { status, revision };
  return {
    status,
    revision,
    fields: row.review_fields,
    ...(row.review_changes !== null ? { changes: row.review_changes } : {}),
    ...(row.review_note !== null ? { note: row.review_note } : {}),
    ...(row.review_reviewed_by !== null ? { reviewedBy: row.review_reviewed_by } : {}),
    ...(row.review_reviewed_at !== null ? { reviewedAt: iso(row.review_reviewed_at) } : {}),
  };
}

/** What a review needs of the document, read under a row lock. */
export interface DocumentForReview {
  plant: string;
  text: string;
  fields: ExtractedField[];
  modelVersion: string;
  source: string | null;
  revision: number;
  createdAt: string;
}

/** What a listing asks for; `keys` are field names with values in search form. */
export interface DocumentFilter {
  reviewStatus?: ReviewStatus;
  plant?: string;
  keys: { name: string; value: string }[];
}

export interface NewReview {
  documentId: string;
  revision: number;
  fields: ExtractedField[];
  /** The reviewer's marks as sent: training labels. */
  spans: Span[];
  changes: ReviewChanges;
  note?: string;
  reviewedBy: string;
}

/** Plants a caller may see; `null` means every plant. */
export type PlantScope = readonly string[] | null;

export function plantScopeOf(principal: Principal): PlantScope {
  return principal.plants.includes('*') ? null : principal.plants;
}

/** Values of one field as the ERP may have stored them: normalised and as written. */
function identifiers(fields: readonly ExtractedField[], name: string): string[] {
  const out = new Set<string>();
  for (const f of fields) {
    if (f.name !== name) continue;
    if (typeof f.value === 'string' && f.value !== '') out.add(f.value);
    const written = cleanText(f.text);
    if (written !== '') out.add(written);
  }
  return [...out];
}

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
                                      model_version, fields, needs_review, extraction_ms, created_by, review_status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, now())
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
        d.needsReview ? 'pending' : 'not_needed',
      ],
    );
    return iso(rows[0]?.created_at ?? new Date());
  }

  /** Orders of the plant the fields name (order numbers, part + lot pairs), normalised or as written. */
  ordersNamedBy(q: Queryable, plant: string, fields: readonly ExtractedField[]): Promise<OrderLinkDto[]> {
    return this.matchOrders(q, plant, identifiers(fields, 'order_number'), identifiers(fields, 'part_number'), identifiers(fields, 'lot_number'));
  }

  /**
   * Orders of the plant the document names: by order number, or by part number (the order's
   * material) together with a lot number (the order's `attributes.lotNumber`, `lot` or `batch`).
   * Identifiers match in search form (`wo 4471` names order `WO-4471`; a part written with its
   * revision names the part), through expression indexes on the orders. Where one search form
   * matches several order numbers (`4471-A` and `4471A`), those written exactly as the document
   * wrote them win.
   */
  async matchOrders(
    q: Queryable,
    plant: string,
    orderNumbers: readonly string[],
    partNumbers: readonly string[],
    lotNumbers: readonly string[],
  ): Promise<OrderLinkDto[]> {
    const forms = (name: string, values: readonly string[]): string[] => [...new Set(values.flatMap((v) => searchForms(name, v)))];
    const orderKeys = forms('order_number', orderNumbers);
    const partKeys = forms('part_number', partNumbers);
    const lotKeys = forms('lot_number', lotNumbers);
    const links = new Map<string, OrderLinkDto>();
    if (orderKeys.length > 0) {
      const rows = await q.query<{ id: string; order_number: string; key: string }>(
        `SELECT id, order_number, ${sqlSearchForm('order_number')} AS key FROM production_orders
          WHERE plant = $1 AND ${sqlSearchForm('order_number')} = ANY($2::text[]) ORDER BY id`,
        [plant, orderKeys],
      );
      const written = new Set(orderNumbers.map((n) => n.toUpperCase()));
      const exactKeys = new Set(rows.filter((r) => written.has(r.order_number.toUpperCase())).map((r) => r.key));
      for (const r of rows) {
        if (exactKeys.has(r.key) && !written.has(r.order_number.toUpperCase())) continue;
        links.set(r.id, { orderId: r.id, orderNumber: r.order_number, matchedBy: 'order_number' });
      }
    }
    if (partKeys.length > 0 && lotKeys.length > 0) {
      const lot = (attribute: string): string => `${sqlSearchForm(`body->'attributes'->>'${attribute}'`)} = ANY($3::text[])`;
      const rows = await q.query<{ id: string; order_number: string }>(
        `SELECT id, order_number FROM production_orders
          WHERE plant = $1 AND ${sqlSearchForm('material_code')} = ANY($2::text[])
            AND (${lot('lotNumber')} OR ${lot('lot')} OR ${lot('batch')})
          ORDER BY id`,
        [plant, partKeys, lotKeys],
      );
      for (const r of rows) if (!links.has(r.id)) links.set(r.id, { orderId: r.id, orderNumber: r.order_number, matchedBy: 'part_lot' });
    }
    return [...links.values()];
  }

  /**
   * Documents of the order's plant that name it but are not linked to it: stored before the order
   * reached us (the ERP's feed lagged, or the order was posted again after a correction). Found by
   * their identifiers in search form (quality_document_keys): the order number, or the order's
   * material as part number together with one of its lots. A document found both ways comes once,
   * by number.
   */
  async documentsNamingOrder(
    q: Queryable,
    order: { id: string; plant: string; orderNumber: string; materialCode: string; lots: readonly string[] },
  ): Promise<{ documentId: string; kind: DocumentKind; matchedBy: MatchedBy }[]> {
    const lots = [...new Set(order.lots.map(searchForm).filter((l) => l !== ''))];
    const unlinked = `NOT EXISTS (SELECT 1 FROM quality_document_links l WHERE l.document_id = d.id AND l.order_id = $5)`;
    const rows = await q.query<{ id: string; kind: DocumentKind; matched_by: MatchedBy }>(
      `SELECT d.id, d.kind, 'order_number' AS matched_by
         FROM quality_document_keys k JOIN quality_documents d ON d.id = k.document_id
        WHERE k.name = 'order_number' AND k.value = $2 AND d.plant = $1 AND ${unlinked}
       UNION ALL
       SELECT d.id, d.kind, 'part_lot' AS matched_by
         FROM quality_document_keys p
         JOIN quality_document_keys lk ON lk.document_id = p.document_id AND lk.name = 'lot_number' AND lk.value = ANY($4::text[])
         JOIN quality_documents d ON d.id = p.document_id
        WHERE p.name = 'part_number' AND p.value = $3 AND d.plant = $1 AND ${unlinked}
        ORDER BY 1, 3`,
      [order.plant, searchForm(order.orderNumber), searchForm(order.materialCode), lots, order.id],
    );
    const found = new Map<string, { documentId: string; kind: DocumentKind; matchedBy: MatchedBy }>();
    for (const r of rows) if (!found.has(r.id)) found.set(r.id, { documentId: r.id, kind: r.kind, matchedBy: r.matched_by });
    return [...found.values()];
  }

  /** Adds one link unless it is there; says whether it was added (two workers may find the same order). */
  async addLink(q: Queryable, documentId: string, kind: DocumentKind, link: OrderLinkDto): Promise<boolean> {
    const rows = await q.query(
      `INSERT INTO quality_document_links (document_id, order_id, kind, matched_by, created_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (document_id, order_id) DO NOTHING RETURNING 1`,
      [documentId, link.orderId, kind, link.matchedBy],
    );
    return rows.length === 1;
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

  /** The document as the API shows it; `q` reads inside a transaction that changed it. */
  async findById(kind: DocumentKind, id: string, scope: PlantScope, q: Queryable = this.db): Promise<QualityDocumentDto | undefined> {
    const params: unknown[] = [id, kind];
    const rows = await q.query<DocumentRow & ReviewColumns>(
      `SELECT d.id, d.kind, d.plant, d.source, d.metadata, d.media_type, d.file_name, d.byte_size, d.text, d.model_version, d.fields, d.needs_review,
              d.extraction_ms, d.review_status, d.revision, d.created_at, ${REVIEW_COLUMNS}
         FROM quality_documents d ${CURRENT_REVIEW} WHERE d.id = $1 AND d.kind = $2 AND ${plantClause(scope, params, 'd.plant')}`,
      params,
    );
    const r = rows[0];
    if (r === undefined) return undefined;
    const links = await q.query<{ order_id: string; order_number: string; matched_by: MatchedBy }>(
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
      review: reviewOf(r.review_status, Number(r.revision), r),
      possibleDuplicates: await this.duplicatesOf(q, id),
      createdAt: iso(r.created_at),
    };
  }

  /**
   * Other documents of the same kind and plant that look like this one sent again: the same text
   * (digest), or a claim under the same claim number (search form, from the reviewed fields once
   * reviewed). Oldest first, at most 20; a document matched both ways counts as the same text.
   */
  async duplicatesOf(q: Queryable, id: string): Promise<PossibleDuplicateDto[]> {
    const rows = await q.query<{ id: string; matched_by: PossibleDuplicateDto['matchedBy']; created_at: Date | string }>(
      `SELECT o.id, 'same_text' AS matched_by, o.created_at
         FROM quality_documents d
         JOIN quality_documents o ON o.kind = d.kind AND o.plant = d.plant AND o.text_sha256 = d.text_sha256 AND o.id <> d.id
        WHERE d.id = $1
       UNION
       SELECT o.id, 'claim_number', o.created_at
         FROM quality_document_keys a
         JOIN quality_document_keys b ON b.name = a.name AND b.value = a.value AND b.document_id <> a.document_id
         JOIN quality_documents d ON d.id = a.document_id
         JOIN quality_documents o ON o.id = b.document_id AND o.kind = d.kind AND o.plant = d.plant
        WHERE a.document_id = $1 AND a.name = 'claim_number'
       ORDER BY 1, 2 DESC
       LIMIT 40`,
      [id],
    );
    const byId = new Map<string, PossibleDuplicateDto>();
    for (const r of rows) if (!byId.has(r.id)) byId.set(r.id, { id: r.id, matchedBy: r.matched_by, createdAt: iso(r.created_at) });
    return [...byId.values()].slice(0, 20);
  }

  /** Locks the document for a review; undefined when the caller may not see it. */
  async lockForReview(q: Queryable, kind: DocumentKind, id: string, scope: PlantScope): Promise<DocumentForReview | undefined> {
    const params: unknown[] = [id, kind];
    const rows = await q.query<Pick<DocumentRow, 'plant' | 'text' | 'fields' | 'model_version' | 'source' | 'revision' | 'created_at'>>(
      `SELECT plant, text, fields, model_version, source, revision, created_at FROM quality_documents
        WHERE id = $1 AND kind = $2 AND ${plantClause(scope, params)} FOR UPDATE`,
      params,
    );
    const r = rows[0];
    if (r === undefined) return undefined;
    return { plant: r.plant, text: r.text, fields: r.fields, modelVersion: r.model_version, source: r.source, revision: Number(r.revision), createdAt: iso(r.created_at) };
  }

  /** Appends the review and makes it the document's current revision; returns when it was recorded. */
  async insertReview(q: Queryable, r: NewReview): Promise<string> {
    const rows = await q.query<{ reviewed_at: Date | string }>(
      `INSERT INTO quality_document_reviews (document_id, revision, fields, spans, changes, note, reviewed_by, reviewed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING reviewed_at`,
      [r.documentId, r.revision, JSON.stringify(r.fields), JSON.stringify(r.spans), JSON.stringify(r.changes), r.note ?? null, r.reviewedBy],
    );
    await q.query(`UPDATE quality_documents SET review_status = 'reviewed', revision = $2 WHERE id = $1`, [r.documentId, r.revision]);
    return iso(rows[0]?.reviewed_at ?? new Date());
  }

  /**
   * Makes `links` the document's order links; a link kept keeps its date (an order lists its documents
   * by it). Returns the orders it is no longer linked to.
   */
  async replaceLinks(q: Queryable, documentId: string, kind: DocumentKind, links: readonly OrderLinkDto[]): Promise<string[]> {
    const removed = await q.query<{ order_id: string }>(
      `DELETE FROM quality_document_links WHERE document_id = $1 AND NOT (order_id = ANY($2::uuid[])) RETURNING order_id`,
      [documentId, links.map((l) => l.orderId)],
    );
    if (links.length > 0) {
      await q.query(
        `INSERT INTO quality_document_links (document_id, order_id, kind, matched_by, created_at)
         SELECT $1, l.order_id, $2, l.matched_by, now() FROM unnest($3::uuid[], $4::text[]) AS l(order_id, matched_by)
         ON CONFLICT (document_id, order_id) DO UPDATE SET matched_by = EXCLUDED.matched_by`,
        [documentId, kind, links.map((l) => l.orderId), links.map((l) => l.matchedBy)],
      );
    }
    return removed.map((o) => o.order_id).sort();
  }

  /** Replaces the identifiers the document is found by (search form), from its current fields. */
  async replaceKeys(q: Queryable, documentId: string, fields: readonly ExtractedField[]): Promise<void> {
    await q.query(`DELETE FROM quality_document_keys WHERE document_id = $1`, [documentId]);
    const keys = documentKeys(fields);
    if (keys.length === 0) return;
    await q.query(
      `INSERT INTO quality_document_keys (document_id, name, value) SELECT $1, k.name, k.value FROM unnest($2::text[], $3::text[]) AS k(name, value)`,
      [documentId, keys.map((k) => k.name), keys.map((k) => k.value)],
    );
  }

  /**
   * Documents of one kind, oldest first after the cursor (ids are UUIDv7, so time-ordered): in a
   * review state, a plant, and naming every identifier given (field name -> search form).
   */
  async list(kind: DocumentKind, filter: DocumentFilter, scope: PlantScope, after: string | undefined, limit: number): Promise<DocumentListItemDto[]> {
    const params: unknown[] = [kind];
    const where = [`d.kind = $1`, plantClause(scope, params, 'd.plant')];
    if (filter.reviewStatus !== undefined) where.push(`d.review_status = $${params.push(filter.reviewStatus)}`);
    if (filter.plant !== undefined) where.push(`d.plant = $${params.push(filter.plant)}`);
    for (const key of filter.keys) {
      where.push(`EXISTS (SELECT 1 FROM quality_document_keys k WHERE k.document_id = d.id AND k.name = $${params.push(key.name)} AND k.value = $${params.push(key.value)})`);
    }
    if (after !== undefined) where.push(`d.id > $${params.push(after)}`);
    const rows = await this.db.query<Pick<DocumentRow, 'id' | 'kind' | 'plant' | 'source' | 'review_status' | 'revision' | 'model_version' | 'fields' | 'created_at'>>(
      `SELECT d.id, d.kind, d.plant, d.source, d.review_status, d.revision, d.model_version, d.fields, d.created_at FROM quality_documents d
        WHERE ${where.join(' AND ')} ORDER BY d.id LIMIT $${params.push(limit)}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      plant: r.plant,
      ...(r.source !== null ? { source: r.source } : {}),
      reviewStatus: r.review_status,
      revision: Number(r.revision),
      modelVersion: r.model_version,
      flaggedFields: r.fields.filter((f) => f.needsReview).map((f) => f.name),
      createdAt: iso(r.created_at),
    }));
  }

  /** The order's plant when the caller may see the order. */
  async orderPlant(orderId: string, scope: PlantScope): Promise<string | undefined> {
    const params: unknown[] = [orderId];
    const rows = await this.db.query<{ plant: string }>(`SELECT plant FROM production_orders WHERE id = $1 AND ${plantClause(scope, params)}`, params);
    return rows[0]?.plant;
  }

  async listForOrder(orderId: string, kind: DocumentKind, limit: number): Promise<LinkedDocumentDto[]> {
    const rows = await this.db.query<DocumentRow & ReviewColumns & { matched_by: MatchedBy }>(
      `SELECT d.id, d.kind, d.plant, d.source, d.model_version, d.fields, d.needs_review, d.extraction_ms, d.review_status, d.revision, d.created_at,
              l.matched_by, ${REVIEW_COLUMNS}
         FROM quality_document_links l JOIN quality_documents d ON d.id = l.document_id
         ${CURRENT_REVIEW}
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
      review: reviewOf(r.review_status, Number(r.revision), r),
      createdAt: iso(r.created_at),
    }));
  }
}
