import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { canAccessPlant, Principal } from '@mw/auth';
import { APP_CONFIG, AppConfig } from '@mw/config';
import { UnitOfWork, uuidv7 } from '@mw/database';
import { InferenceService, type DocumentKind, type ExtractionResult } from '@mw/extraction';
import { DomainError, ErrorCode } from '@mw/http';
import { OutboxWriter } from '@mw/outbox';
import { KEY_PARAMS, keyParamsOf, LOSS_CATEGORY_KEY, searchForm, type KeyParam } from './document-keys';
import { checkText } from './document-text';
import type { UploadInfo } from './document-upload.guard';
import type { CreateDocumentDto } from './dto/create-document.dto';
import type { DocumentListDto, DocumentListQueryDto } from './dto/document-list.dto';
import { KIND_NAMES, type LinkedDocumentListDto, type QualityDocumentDto } from './dto/quality-document.response';
import { documentEvent, eventFields } from './quality-document.events';
import { plantScopeOf, QualityDocumentsRepository } from './quality-documents.repository';

const MAX_METADATA_BYTES = 8 * 1024;
const LIST_LIMIT = 200;
const LIST_PAGE = 50;

@Injectable()
export class QualityDocumentsService {
  constructor(
    private readonly repo: QualityDocumentsRepository,
    private readonly inference: InferenceService,
    private readonly outbox: OutboxWriter,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Stateless extraction (POST /v1/extract). */
  extract(kind: DocumentKind, text: string): Promise<ExtractionResult> {
    return this.inference.extract(kind, checkText(text, this.config.extraction));
  }

  /**
   * Extracts, then stores the document, its fields and its order links and enqueues the event in
   * one transaction. The model runs before the transaction opens so no connection waits on it.
   */
  async create(principal: Principal, kind: DocumentKind, dto: CreateDocumentDto, upload: UploadInfo): Promise<QualityDocumentDto> {
    if (!canAccessPlant(principal, dto.plant)) throw new DomainError(ErrorCode.Forbidden, `This client is not bound to plant ${dto.plant}.`);
    if (dto.metadata !== undefined && Buffer.byteLength(JSON.stringify(dto.metadata)) > MAX_METADATA_BYTES) {
      throw new DomainError(ErrorCode.ValidationFailed, `metadata: at most ${MAX_METADATA_BYTES} bytes of JSON`, {
        errors: [{ field: 'metadata', reason: `at most ${MAX_METADATA_BYTES} bytes of JSON` }],
      });
    }
    const text = checkText(dto.text, this.config.extraction);
    const extraction = await this.inference.extract(kind, text);
    const id = uuidv7();
    return this.uow.run(async (q) => {
      const createdAt = await this.repo.insert(q, {
        id,
        kind,
        plant: dto.plant,
        ...(dto.source !== undefined ? { source: dto.source } : {}),
        ...(dto.metadata !== undefined ? { metadata: dto.metadata } : {}),
        mediaType: upload.mediaType,
        ...(upload.fileName !== undefined ? { fileName: upload.fileName } : {}),
        byteSize: upload.byteSize,
        text,
        textSha256: createHash('sha256').update(text).digest('hex'),
        modelVersion: extraction.modelVersion,
        fields: extraction.fields,
        needsReview: extraction.needsReview,
        extractionMs: extraction.timingMs,
        createdBy: principal.clientId,
      });
      const { fields } = extraction;
      const links = await this.repo.ordersNamedBy(q, dto.plant, fields);
      await this.repo.replaceKeys(q, id, fields);
      await this.repo.insertLinks(q, id, kind, links);
      await this.outbox.enqueue(q, [
        documentEvent({
          documentId: id,
          plant: dto.plant,
          kind,
          ...(dto.source !== undefined ? { source: dto.source } : {}),
          modelVersion: extraction.modelVersion,
          needsReview: extraction.needsReview,
          links,
          fields: eventFields(fields),
          createdAt,
        }),
      ]);
      return {
        id,
        kind,
        plant: dto.plant,
        ...(dto.source !== undefined ? { source: dto.source } : {}),
        ...(dto.metadata !== undefined ? { metadata: dto.metadata } : {}),
        mediaType: upload.mediaType,
        ...(upload.fileName !== undefined ? { fileName: upload.fileName } : {}),
        byteSize: upload.byteSize,
        text,
        extraction: { modelVersion: extraction.modelVersion, timingMs: extraction.timingMs, needsReview: extraction.needsReview, fields },
        links,
        review: { status: extraction.needsReview ? 'pending' : 'not_needed', revision: 0 },
        possibleDuplicates: await this.repo.duplicatesOf(q, id),
        createdAt,
      };
    });
  }

  async get(principal: Principal, kind: DocumentKind, id: string): Promise<QualityDocumentDto> {
    const doc = await this.repo.findById(kind, id, plantScopeOf(principal));
    if (doc === undefined) throw new DomainError(ErrorCode.NotFound, `No ${KIND_NAMES[kind]} ${id} is visible to this client.`);
    return doc;
  }

  async listForOrder(principal: Principal, orderId: string, kind: DocumentKind): Promise<LinkedDocumentListDto> {
    const plant = await this.repo.orderPlant(orderId, plantScopeOf(principal));
    if (plant === undefined) throw new DomainError(ErrorCode.NotFound, `No production order ${orderId} is visible to this client.`);
    return { items: await this.repo.listForOrder(orderId, kind, LIST_LIMIT) };
  }

  /** The review queue and the traceability search: documents of a kind by review state, plant and the identifiers they name. */
  async list(principal: Principal, kind: DocumentKind, query: DocumentListQueryDto): Promise<DocumentListDto> {
    const allowed = keyParamsOf(kind);
    const keys: { name: string; value: string }[] = [];
    const errors: { field: string; reason: string }[] = [];
    for (const param of Object.keys(KEY_PARAMS) as KeyParam[]) {
      const value = query[param];
      if (value === undefined) continue;
      if (!allowed.includes(param)) errors.push({ field: param, reason: `${KIND_NAMES[kind]}s are searched by ${allowed.join(', ')}` });
      else keys.push({ name: KEY_PARAMS[param], value: searchForm(value) });
    }
    if (query.lossCategory !== undefined) {
      if (kind !== 'claim') errors.push({ field: 'lossCategory', reason: `${KIND_NAMES[kind]}s have no loss; claims do` });
      else keys.push({ name: LOSS_CATEGORY_KEY, value: query.lossCategory });
    }
    if (errors.length > 0) throw new DomainError(ErrorCode.ValidationFailed, `${errors[0]?.field}: ${errors[0]?.reason}`, { errors });
    const limit = query.limit ?? LIST_PAGE;
    const filter = { ...(query.reviewStatus ? { reviewStatus: query.reviewStatus } : {}), ...(query.plant ? { plant: query.plant } : {}), keys };
    const items = await this.repo.list(kind, filter, plantScopeOf(principal), query.after?.toLowerCase(), limit);
    const last = items[items.length - 1];
    return { items, ...(items.length === limit && last ? { next: last.id } : {}) };
  }
}
